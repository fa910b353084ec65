from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'role.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('_base.html.j2', 'role.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('_macros.html.j2', 'role.html.j2')._get_default_module(context)
    context.exported_vars.discard('m')
    yield from parent_template.root_render_func(context)

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_view = resolve('view')
    l_0_meta = resolve('meta')
    l_0_m = resolve('m')
    l_0_role = missing
    pass
    l_0_role = environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'role')
    _block_vars['role'] = l_0_role
    yield '<header class="doc-header">\n<h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'heading')))
    yield '</h1>\n<p class="subtitle">'
    yield escape(environment.finalize(environment.getattr((undefined(name='role') if l_0_role is missing else l_0_role), 'position')))
    yield ' · '
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))
    yield '</p>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'meta_line'), (undefined(name='meta') if l_0_meta is missing else l_0_meta), _block_vars=_block_vars)))
    yield '\n</header>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'role_body'), (undefined(name='role') if l_0_role is missing else l_0_role), 2, True, _block_vars=_block_vars)))
    yield '\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'glossary'), environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'glossary'), 2, _block_vars=_block_vars)))
    yield '\n'

blocks = {'body': block_body}
debug_info = '1=13&2=16&3=20&4=32&6=35&7=37&8=41&10=43&11=45'