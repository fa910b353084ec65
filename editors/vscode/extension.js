// Starts `pdp-lint server` for the YAML files of a workspace and lets VS Code's own
// LSP client do the rest: diagnostics, code actions, hover, definition, completion and
// the outline all come from the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const settings = vscode.workspace.getConfiguration("pdpLint");
  const [command, ...args] = settings.get("command");
  client = new LanguageClient(
    "pdp-lint",
    "pdp-lint",
    { command, args },
    {
      // the server itself decides which YAML files are frameworks
      documentSelector: [{ scheme: "file", language: "yaml" }],
      initializationOptions: {
        debounce: settings.get("debounce"),
        rulesUrl: settings.get("rulesUrl") || undefined,
      },
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
