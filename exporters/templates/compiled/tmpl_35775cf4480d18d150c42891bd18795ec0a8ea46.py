from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'site_index.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_index = resolve('index')
    try:
        t_1 = environment.filters['css_string']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'css_string' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<!doctype html>\n<html lang="'
    yield escape(environment.finalize(environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'locale')))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="pdp-lint">\n<title>'
    yield escape(environment.finalize(environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'title')))
    yield '</title>\n<style>\n'
    template = environment.get_template('handout.css', 'site_index.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('site.css', 'site_index.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '@page {\n  @top-left { content: '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'title'))))
    yield '; font: 8pt/1.2 system-ui, "Segoe UI", Arial, "DejaVu Sans", sans-serif; color: #404040; }\n  @bottom-left { content: '
    yield escape(environment.finalize(t_1(environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'date_text'))))
    yield '; font: 8pt/1.2 system-ui, "Segoe UI", Arial, "DejaVu Sans", sans-serif; color: #404040; }\n  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt/1.2 system-ui, "Segoe UI", Arial, "DejaVu Sans", sans-serif; color: #404040; }\n}\n</style>\n</head>\n<body>\n<a class="skip-link" href="#main">Skip to the content</a>\n<main id="main">\n<header class="doc-header">\n<h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'title')))
    yield '</h1>\n<p class="meta"><span>'
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'frameworks'))))
    yield ' framework'
    yield escape(environment.finalize(('s' if (t_2(environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'frameworks')) != 1) else cond_expr_undefined("the inline if-expression on line 23 in 'site_index.html.j2' evaluated to false and no else section was defined."))))
    yield '</span><span>Updated <time datetime="'
    yield escape(environment.finalize(context.call(environment.getattr(context.call(environment.getattr(environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'date'), 'date')), 'isoformat'))))
    yield '">'
    yield escape(environment.finalize(environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'date_text')))
    yield '</time></span></p>\n</header>\n<p class="lead">Every framework below has a page to browse its roles and competencies, and handouts to download as Word documents or as web pages that print on A4, with a spreadsheet of every item (Excel or CSV) to review and edit.</p>\n<nav class="contents" aria-labelledby="contents-title">\n<h2 id="contents-title">Frameworks</h2>\n<ul>\n'
    for l_1_fw in environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'frameworks'):
        _loop_vars = {}
        pass
        yield '  <li><a href="#'
        yield escape(environment.finalize(environment.getattr(l_1_fw, 'id')))
        yield '">'
        yield escape(environment.finalize(environment.getattr(environment.getattr(environment.getattr(l_1_fw, 'view'), 'meta'), 'framework_title')))
        yield '</a></li>\n'
    l_1_fw = missing
    yield '</ul>\n</nav>\n'
    for l_1_fw in environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'frameworks'):
        l_1_meta = missing
        _loop_vars = {}
        pass
        l_1_meta = environment.getattr(environment.getattr(l_1_fw, 'view'), 'meta')
        _loop_vars['meta'] = l_1_meta
        yield '<section class="framework card" id="'
        yield escape(environment.finalize(environment.getattr(l_1_fw, 'id')))
        yield '" aria-labelledby="'
        yield escape(environment.finalize(environment.getattr(l_1_fw, 'id')))
        yield '-title">\n<h2 id="'
        yield escape(environment.finalize(environment.getattr(l_1_fw, 'id')))
        yield '-title"><a href="'
        yield escape(environment.finalize(context.call(environment.getattr(l_1_fw, 'from_index'), environment.getattr(l_1_fw, 'page'), _loop_vars=_loop_vars)))
        yield '">'
        yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_1_meta is missing else l_1_meta), 'framework_title')))
        yield '</a></h2>\n<p class="meta"><span>Owner: '
        yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_1_meta is missing else l_1_meta), 'owner')))
        yield '</span><span>Version '
        yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_1_meta is missing else l_1_meta), 'version')))
        yield '</span><span><time datetime="'
        yield escape(environment.finalize(context.call(environment.getattr(context.call(environment.getattr(environment.getattr((undefined(name='meta') if l_1_meta is missing else l_1_meta), 'date'), 'date'), _loop_vars=_loop_vars), 'isoformat'), _loop_vars=_loop_vars)))
        yield '">'
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='index') if l_0_index is missing else l_0_index), 'date_of'), l_1_fw, _loop_vars=_loop_vars)))
        yield '</time></span></p>\n'
        if environment.getattr(environment.getattr(l_1_fw, 'view'), 'intro'):
            pass
            yield '<p>'
            yield escape(environment.finalize(environment.getattr(environment.getattr(l_1_fw, 'view'), 'intro')))
            yield '</p>\n'
        yield '<p><a href="'
        yield escape(environment.finalize(context.call(environment.getattr(l_1_fw, 'from_index'), environment.getattr(l_1_fw, 'page'), _loop_vars=_loop_vars)))
        yield '">Browse '
        yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_1_meta is missing else l_1_meta), 'framework_title')))
        yield '<span class="sr-only">: roles and competencies</span></a></p>\n'
        if environment.getattr(l_1_fw, 'entries'):
            pass
            yield '<div class="table-wrap">\n<table class="handouts">\n<caption>Handouts of '
            yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_1_meta is missing else l_1_meta), 'framework_title')))
            yield '</caption>\n<thead><tr><th scope="col">Handout</th><th scope="col">Kind</th><th scope="col">Download</th></tr></thead>\n<tbody>\n'
            for l_2_e in environment.getattr(l_1_fw, 'entries'):
                _loop_vars = {}
                pass
                yield '<tr><th scope="row">'
                yield escape(environment.finalize(environment.getattr(l_2_e, 'title')))
                yield '</th><td>'
                yield escape(environment.finalize(environment.getattr(l_2_e, 'kind_label')))
                yield '</td><td>'
                for l_3_d in environment.getattr(l_2_e, 'downloads'):
                    _loop_vars = {}
                    pass
                    yield '<a href="'
                    yield escape(environment.finalize(context.call(environment.getattr(l_1_fw, 'from_index'), environment.getattr(l_3_d, 'href'), _loop_vars=_loop_vars)))
                    yield '">'
                    yield escape(environment.finalize(environment.getattr(l_3_d, 'label')))
                    yield '<span class="sr-only"> – '
                    yield escape(environment.finalize(environment.getattr(l_2_e, 'kind_label')))
                    yield ' '
                    yield escape(environment.finalize(environment.getattr(l_2_e, 'title')))
                    yield '</span></a>'
                l_3_d = missing
                yield '</td></tr>\n'
            l_2_e = missing
            yield '</tbody>\n</table>\n</div>\n'
        yield '</section>\n'
    l_1_fw = l_1_meta = missing
    yield '</main>\n</body>\n</html>\n'

blocks = {}
debug_info = '2=25&7=27&9=29&10=35&12=42&13=44&22=46&23=48&29=56&30=60&34=66&35=70&36=73&37=77&38=83&39=91&40=94&42=97&43=101&46=104&49=106&50=110'