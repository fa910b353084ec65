from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_base.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_meta = resolve('meta')
    try:
        t_1 = environment.filters['css_string']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'css_string' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    yield '<!doctype html>\n<html lang="'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'locale')))
    yield '"'
    yield from context.blocks['html_attrs'][0](context)
    yield '>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="pdp-lint">\n<meta name="author" content="'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'owner')))
    yield '">\n<meta name="description" content="'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'kind')))
    yield ': '
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'title')))
    yield ', '
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))
    yield ' version '
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'version')))
    yield '">\n<meta name="keywords" content="'
    yield escape(environment.finalize(t_2(context.eval_ctx, environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'keywords'), ', ')))
    yield '">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n'
    yield from context.blocks['head_script'][0](context)
    yield '<style>\n'
    template = environment.get_template('handout.css', '_base.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield from context.blocks['style'][0](context)
    yield '@page {\n  @top-left { content: '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'running_head'))))
    yield '; font: 8pt/1.2 system-ui, "Segoe UI", Arial, "DejaVu Sans", sans-serif; color: #404040; }\n  @top-right { content: '
    yield from context.blocks['page_title'][0](context)
    yield '; font: 8pt/1.2 system-ui, "Segoe UI", Arial, "DejaVu Sans", sans-serif; color: #404040; }\n  @bottom-left { content: '
    yield escape(environment.finalize(t_1(markup_join((environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'kind'), ' · ', environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'date_text'), )))))
    yield '; font: 8pt/1.2 system-ui, "Segoe UI", Arial, "DejaVu Sans", sans-serif; color: #404040; }\n  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt/1.2 system-ui, "Segoe UI", Arial, "DejaVu Sans", sans-serif; color: #404040; }\n}\n</style>\n</head>\n<body>\n<a class="skip-link" href="#main">Skip to the content</a>\n<header class="page-top">\n'
    yield from context.blocks['before_main'][0](context)
    yield '</header>\n<main id="main">\n'
    yield from context.blocks['body'][0](context)
    yield '</main>\n'
    yield from context.blocks['after_main'][0](context)
    yield '</body>\n</html>\n'

def block_html_attrs(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

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
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'kind')))
    yield ' – '
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))

def block_head_script(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_style(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_page_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_meta = resolve('meta')
    try:
        t_1 = environment.filters['css_string']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'css_string' found.")
    pass
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'page_title'))))

def block_before_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_meta = resolve('meta')
    pass
    yield '<p class="running-head">'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'running_head')))
    yield '</p>\n'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_after_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'html_attrs': block_html_attrs, 'title': block_title, 'head_script': block_head_script, 'style': block_style, 'page_title': block_page_title, 'before_main': block_before_main, 'body': block_body, 'after_main': block_after_main}
debug_info = '2=25&7=29&8=31&9=39&10=41&11=43&13=45&14=51&16=53&17=55&18=57&26=59&31=61&33=63&2=66&10=75&11=90&14=99&17=108&26=125&27=135&31=138&33=147'