from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'site_changes.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_c = missing
    pass
    parent_template = environment.get_template('_base.html.j2', 'site_changes.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_c = context.vars['c'] = environment.get_template('_changes.html.j2', 'site_changes.html.j2')._get_default_module(context)
    context.exported_vars.discard('c')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_meta = resolve('meta')
    pass
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'title')))
    yield ' – '
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))

def block_style(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    template = environment.get_template('site.css', 'site_changes.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('_changes.css', 'site_changes.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

def block_before_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0_meta = resolve('meta')
    pass
    yield '<p class="breadcrumb screen-only"><a href="../'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'index')))
    yield '">All frameworks</a> › <a href="'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'page')))
    yield '">'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))
    yield '</a></p>\n'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_meta = resolve('meta')
    l_0_view = resolve('view')
    l_0_site = resolve('site')
    l_0_c = resolve('c')
    l_0_items = missing
    pass
    yield '<header class="doc-header">\n<h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'title')))
    yield '</h1>\n<p class="subtitle">'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))
    yield '</p>\n<p class="meta"><span>Owner: '
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'owner')))
    yield '</span><span>'
    yield escape(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'version_text')))
    yield '</span><span><time datetime="'
    yield escape(environment.finalize(context.call(environment.getattr(context.call(environment.getattr(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'date'), 'date'), _block_vars=_block_vars), 'isoformat'), _block_vars=_block_vars)))
    yield '">'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'date_text')))
    yield '</time></span></p>\n</header>\n'
    l_0_items = context.call(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'downloads'), 'changes', markup_join((environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'id'), '-changes', )), _block_vars=_block_vars)
    _block_vars['items'] = l_0_items
    if (undefined(name='items') if l_0_items is missing else l_0_items):
        pass
        yield '<p class="downloads"><span class="what">Handout:</span>'
        for l_1_d in (undefined(name='items') if l_0_items is missing else l_0_items):
            _loop_vars = {}
            pass
            yield '<a href="'
            yield escape(environment.finalize(environment.getattr(l_1_d, 'href')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_d, 'label')))
            yield '<span class="sr-only"> – '
            yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'title')))
            yield '</span></a>'
        l_1_d = missing
        yield '</p>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'changes_body'), (undefined(name='view') if l_0_view is missing else l_0_view), 2, _block_vars=_block_vars)))
    yield '\n'

blocks = {'title': block_title, 'style': block_style, 'before_main': block_before_main, 'body': block_body}
debug_info = '1=13&2=16&3=20&4=33&5=41&6=47&8=54&9=65&11=72&13=86&14=88&15=90&17=98&18=100&19=103&21=115'