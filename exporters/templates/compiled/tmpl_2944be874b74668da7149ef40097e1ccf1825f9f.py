from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'changes.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_c = missing
    pass
    parent_template = environment.get_template('_base.html.j2', 'changes.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_c = context.vars['c'] = environment.get_template('_changes.html.j2', 'changes.html.j2')._get_default_module(context)
    context.exported_vars.discard('c')
    yield from parent_template.root_render_func(context)

def block_style(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    template = environment.get_template('_changes.css', 'changes.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_meta = resolve('meta')
    l_0_view = resolve('view')
    l_0_c = resolve('c')
    pass
    yield '<header class="doc-header">\n<h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))
    yield '</h1>\n<p class="subtitle">'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'title')))
    yield '</p>\n<p class="meta"><span>Owner: '
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'owner')))
    yield '</span><span>'
    yield escape(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'version_text')))
    yield '</span><span><time datetime="'
    yield escape(environment.finalize(context.call(environment.getattr(context.call(environment.getattr(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'date'), 'date'), _block_vars=_block_vars), 'isoformat'), _block_vars=_block_vars)))
    yield '">'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'date_text')))
    yield '</time></span></p>\n</header>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'changes_body'), (undefined(name='view') if l_0_view is missing else l_0_view), 2, _block_vars=_block_vars)))
    yield '\n'

blocks = {'style': block_style, 'body': block_body}
debug_info = '1=13&2=16&3=20&4=28&6=35&8=47&9=49&10=51&12=59'