from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_changes.css'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    pass
    yield '/* What changed: a rewording word by word, readable in colour and in black and white */\nul.changes { padding-left: 1.25em; }\nul.changes li { margin: 0.35em 0; break-inside: avoid; }\n.change-label { font-weight: 600; }\n.change-note { color: #404040; }\ndel { color: #9c0006; text-decoration: line-through; }\nins { color: #006100; text-decoration: underline; }\ndel + ins { margin-left: 0.2em; }\n.change-section { break-inside: auto; }\n.change-section h2, .change-section h3, .change-section h4 { break-after: avoid; }\n'

blocks = {}
debug_info = ''