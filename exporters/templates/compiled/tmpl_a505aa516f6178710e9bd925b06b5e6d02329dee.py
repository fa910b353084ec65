from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'site_framework.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = l_0_downloads = missing
    pass
    parent_template = environment.get_template('_base.html.j2', 'site_framework.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('_macros.html.j2', 'site_framework.html.j2')._get_default_module(context)
    context.exported_vars.discard('m')
    def macro(l_1_items, l_1_what, l_1_name):
        t_1 = []
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        if l_1_what is missing:
            l_1_what = undefined("parameter 'what' was not provided", name='what')
        if l_1_name is missing:
            l_1_name = undefined("parameter 'name' was not provided", name='name')
        pass
        if l_1_items:
            pass
            t_1.extend((
                '<p class="downloads"><span class="what">',
                escape(environment.finalize(l_1_what)),
                '</span>',
            ))
            for l_2_d in l_1_items:
                _loop_vars = {}
                pass
                t_1.extend((
                    '<a href="',
                    escape(environment.finalize(environment.getattr(l_2_d, 'href'))),
                    '">',
                    escape(environment.finalize(environment.getattr(l_2_d, 'label'))),
                    '<span class="sr-only"> – ',
                    escape(environment.finalize(l_1_name)),
                    '</span></a>',
                ))
            l_2_d = missing
            t_1.append(
                '</p>\n',
            )
        return concat(t_1)
    context.exported_vars.add('downloads')
    context.vars['downloads'] = l_0_downloads = Macro(environment, macro, 'downloads', ('items', 'what', 'name'), False, False, False, context.eval_ctx.autoescape)
    yield from parent_template.root_render_func(context)

def block_html_attrs(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield ' class="no-js"'

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_meta = resolve('meta')
    pass
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))

def block_page_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_meta = resolve('meta')
    try:
        t_2 = environment.filters['css_string']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'css_string' found.")
    pass
    yield escape(environment.finalize(t_2(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'kind'))))

def block_head_script(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '<script>document.documentElement.className = "js";</script>\n'

def block_style(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    template = environment.get_template('site.css', 'site_framework.html.j2')
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
    pass
    yield '<p class="breadcrumb screen-only"><a href="../'
    yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'index')))
    yield '">All frameworks</a></p>\n'

def block_body(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_meta = resolve('meta')
    l_0_m = resolve('m')
    l_0_view = resolve('view')
    l_0_downloads = resolve('downloads')
    l_0_site = resolve('site')
    l_0_p = resolve('p')
    try:
        t_3 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_4 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    pass
    yield '<header class="doc-header">\n<h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))
    yield '</h1>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'meta_line'), (undefined(name='meta') if l_0_meta is missing else l_0_meta), _block_vars=_block_vars)))
    yield '\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'source'):
        pass
        yield '<p class="meta">Source: '
        yield escape(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'source')))
        yield '</p>\n'
    yield '</header>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'intro'):
        pass
        yield '<p class="lead">'
        yield escape(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'intro')))
        yield '</p>\n'
    yield escape(environment.finalize(context.call((undefined(name='downloads') if l_0_downloads is missing else l_0_downloads), context.call(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'downloads'), 'framework', environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'id'), _block_vars=_block_vars), 'The whole framework:', environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title'), _block_vars=_block_vars)))
    yield '\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'changes'):
        pass
        yield '<p class="changes-link"><a href="'
        yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'changes_page')))
        yield '">What changed since '
        yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'changes'), 'base')))
        yield '</a></p>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'tracks'):
        pass
        yield '<form id="filters" class="filters js-only" aria-label="Choose what to show">\n<fieldset class="choice">\n<legend>Choose the roles</legend>\n'
        for l_1_track in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'tracks'):
            _loop_vars = {}
            pass
            yield '<div class="choice-group" role="group" aria-labelledby="group-'
            yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
            yield '">\n<span class="group-name" id="group-'
            yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_track, 'name')))
            yield '</span>\n<div class="chips">\n'
            if environment.getattr(l_1_track, 'coming_soon'):
                pass
                yield '<label class="pill" data-label="'
                yield escape(environment.finalize(environment.getattr(l_1_track, 'name')))
                yield ' (coming soon)"><input type="radio" name="role" value="track:'
                yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
                yield '"'
                if (environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'first_choice') == markup_join(('track:', environment.getattr(l_1_track, 'id'), ))):
                    pass
                    yield ' checked'
                yield '> <span class="soon">Coming soon</span></label>\n'
            else:
                pass
                for l_2_role in environment.getattr(l_1_track, 'roles'):
                    _loop_vars = {}
                    pass
                    yield '<label class="pill" data-label="'
                    yield escape(environment.finalize(environment.getattr(l_2_role, 'heading')))
                    yield '"><input type="radio" name="role" value="'
                    yield escape(environment.finalize(environment.getattr(l_2_role, 'id')))
                    yield '"'
                    if (environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'first_choice') == environment.getattr(l_2_role, 'id')):
                        pass
                        yield ' checked'
                    yield '> '
                    yield escape(environment.finalize(environment.getattr(l_2_role, 'heading')))
                    yield '</label>\n'
                l_2_role = missing
            yield '</div>\n</div>\n'
        l_1_track = missing
        yield '</fieldset>\n<fieldset class="choice">\n<legend>Choose the competencies</legend>\n<div class="choice-group">\n<div class="chips">\n<label class="pill" data-label="all competencies"><input type="radio" name="competency" value="" checked> All</label>\n'
        for l_1_comp in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'competencies'):
            _loop_vars = {}
            pass
            yield '<label class="pill" data-label="'
            yield escape(environment.finalize(environment.getattr(l_1_comp, 'name')))
            yield '"><input type="radio" name="competency" value="'
            yield escape(environment.finalize(environment.getattr(l_1_comp, 'id')))
            yield '"> '
            yield escape(environment.finalize(environment.getattr(l_1_comp, 'name')))
            yield '</label>\n'
        l_1_comp = missing
        yield '</div>\n</div>\n</fieldset>\n<div class="filter-bar">\n<p class="status" id="filter-status" role="status" aria-live="polite"></p>\n<button type="button" class="button" id="print">Print this view</button>\n</div>\n</form>\n<nav class="contents no-js-only" aria-labelledby="contents-title">\n<h2 id="contents-title">Roles</h2>\n<ul>\n'
        for l_1_track in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'tracks'):
            _loop_vars = {}
            pass
            yield '  <li><a href="#track-'
            yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_track, 'name')))
            yield '</a>'
            if environment.getattr(l_1_track, 'coming_soon'):
                pass
                yield ' (coming soon)'
            if environment.getattr(l_1_track, 'roles'):
                pass
                yield '    <ul>\n'
                for l_2_role in environment.getattr(l_1_track, 'roles'):
                    _loop_vars = {}
                    pass
                    yield '      <li><a href="#role-'
                    yield escape(environment.finalize(environment.getattr(l_2_role, 'id')))
                    yield '">'
                    yield escape(environment.finalize(environment.getattr(l_2_role, 'heading')))
                    yield '</a></li>\n'
                l_2_role = missing
                yield '    </ul>\n'
            yield '  </li>\n'
        l_1_track = missing
        yield '</ul>\n</nav>\n'
    for l_1_track in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'tracks'):
        _loop_vars = {}
        pass
        yield '<section class="track" id="track-'
        yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
        yield '" data-choices="'
        if environment.getattr(l_1_track, 'coming_soon'):
            pass
            yield 'track:'
            yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
        else:
            pass
            yield escape(environment.finalize(t_3(context.eval_ctx, t_4(context, environment.getattr(l_1_track, 'roles'), attribute='id'), ' ')))
        yield '" aria-labelledby="track-'
        yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
        yield '-title">\n<h2 id="track-'
        yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
        yield '-title">'
        yield escape(environment.finalize(environment.getattr(l_1_track, 'name')))
        yield '</h2>\n'
        if environment.getattr(l_1_track, 'coming_soon'):
            pass
            yield '<div class="coming-soon card" data-choice="track:'
            yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
            yield '">\n'
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'coming_soon'), l_1_track, 3, _loop_vars=_loop_vars)))
            yield '\n</div>\n'
        for l_2_role in environment.getattr(l_1_track, 'roles'):
            _loop_vars = {}
            pass
            yield '<article class="role card" id="role-'
            yield escape(environment.finalize(environment.getattr(l_2_role, 'id')))
            yield '" data-choice="'
            yield escape(environment.finalize(environment.getattr(l_2_role, 'id')))
            yield '" aria-labelledby="role-'
            yield escape(environment.finalize(environment.getattr(l_2_role, 'id')))
            yield '-title">\n<h3 id="role-'
            yield escape(environment.finalize(environment.getattr(l_2_role, 'id')))
            yield '-title">'
            yield escape(environment.finalize(environment.getattr(l_2_role, 'heading')))
            yield '</h3>\n<p class="meta">'
            yield escape(environment.finalize(environment.getattr(l_2_role, 'position')))
            yield '</p>\n'
            yield escape(environment.finalize(context.call((undefined(name='downloads') if l_0_downloads is missing else l_0_downloads), context.call(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'downloads'), 'role', environment.getattr(l_2_role, 'id'), _loop_vars=_loop_vars), 'Handout:', environment.getattr(l_2_role, 'heading'), _loop_vars=_loop_vars)))
            yield '\n'
            if context.call(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'role_changed'), environment.getattr(l_2_role, 'id'), _loop_vars=_loop_vars):
                pass
                yield '<p class="changes-link"><a href="'
                yield escape(environment.finalize(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'changes_page')))
                yield '#role-'
                yield escape(environment.finalize(environment.getattr(l_2_role, 'id')))
                yield '">What changed for '
                yield escape(environment.finalize(environment.getattr(l_2_role, 'heading')))
                yield ' since '
                yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'changes'), 'base')))
                yield '</a></p>\n'
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'role_body'), l_2_role, 4, True, _loop_vars=_loop_vars)))
            yield '\n</article>\n'
        l_2_role = missing
        yield '</section>\n'
    l_1_track = missing
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'show_catalog'):
        pass
        yield '<section id="competencies" aria-labelledby="competencies-title">\n<h2 id="competencies-title">Competencies</h2>\n'
        for l_1_comp in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'catalog'):
            _loop_vars = {}
            pass
            yield '<section class="catalog-entry" id="competency-'
            yield escape(environment.finalize(environment.getattr(l_1_comp, 'id')))
            yield '">\n<h3 id="competency-'
            yield escape(environment.finalize(environment.getattr(l_1_comp, 'id')))
            yield '-title">'
            yield escape(environment.finalize(environment.getattr(l_1_comp, 'name')))
            yield '</h3>\n'
            yield escape(environment.finalize(context.call((undefined(name='downloads') if l_0_downloads is missing else l_0_downloads), context.call(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'downloads'), 'interview', markup_join((environment.getattr(l_1_comp, 'id'), '-interview-guide', )), _loop_vars=_loop_vars), 'Interview guide:', environment.getattr(l_1_comp, 'name'), _loop_vars=_loop_vars)))
            yield '\n'
            if environment.getattr(l_1_comp, 'definition'):
                pass
                yield '<p>'
                yield escape(environment.finalize(environment.getattr(l_1_comp, 'definition')))
                yield '</p>\n'
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'levels'), l_1_comp, 4, True, _loop_vars=_loop_vars)))
            yield '\n</section>\n'
        l_1_comp = missing
        yield '</section>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'profiles'):
        pass
        l_0_p = environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'profiles')
        _block_vars['p'] = l_0_p
        yield '<section id="profiles" aria-labelledby="profiles-title">\n<h2 id="profiles-title">'
        yield escape(environment.finalize((environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'title') or 'Role profiles')))
        yield '</h2>\n'
        if environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'intro'):
            pass
            yield '<p>'
            yield escape(environment.finalize(environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'intro')))
            yield '</p>\n'
        for l_1_profile in environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'profiles'):
            _loop_vars = {}
            pass
            yield '<section class="profile" id="profile-'
            yield escape(environment.finalize(environment.getattr(l_1_profile, 'id')))
            yield '">\n<h3 id="profile-'
            yield escape(environment.finalize(environment.getattr(l_1_profile, 'id')))
            yield '-title">'
            yield escape(environment.finalize(environment.getattr(l_1_profile, 'title')))
            yield '</h3>\n'
            yield escape(environment.finalize(context.call((undefined(name='downloads') if l_0_downloads is missing else l_0_downloads), context.call(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'downloads'), 'hiring', markup_join((environment.getattr(l_1_profile, 'id'), '-hiring-profile', )), _loop_vars=_loop_vars), 'Hiring profile:', environment.getattr(l_1_profile, 'title'), _loop_vars=_loop_vars)))
            yield '\n<p>'
            yield escape(environment.finalize(environment.getattr(l_1_profile, 'summary')))
            yield '</p>\n</section>\n'
        l_1_profile = missing
        yield '</section>\n'
        for l_1_g in environment.getattr((undefined(name='p') if l_0_p is missing else l_0_p), 'guidance'):
            _loop_vars = {}
            pass
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'guidance'), l_1_g, 2, 'guidance-', _loop_vars=_loop_vars)))
            yield '\n'
        l_1_g = missing
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'glossary'), environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'glossary'), 2, _block_vars=_block_vars)))
    yield '\n'

def block_after_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_view = resolve('view')
    pass
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'tracks'):
        pass
        yield '<script>\n'
        template = environment.get_template('site.js', 'site_framework.html.j2')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
        yield '</script>\n'

blocks = {'html_attrs': block_html_attrs, 'title': block_title, 'page_title': block_page_title, 'head_script': block_head_script, 'style': block_style, 'before_main': block_before_main, 'body': block_body, 'after_main': block_after_main}
debug_info = '1=13&2=16&15=18&16=27&17=31&3=55&4=65&5=76&6=93&9=103&10=111&12=118&13=128&20=131&22=158&23=160&24=162&25=165&28=168&29=171&31=173&32=175&33=178&35=182&39=185&40=189&41=191&43=195&44=198&46=208&47=212&59=226&60=230&73=238&74=242&75=249&77=252&78=256&87=265&88=269&89=281&90=285&91=288&92=290&95=292&96=296&97=302&98=306&99=308&100=310&101=313&103=321&108=326&111=329&112=333&113=335&114=339&115=341&116=344&118=346&123=350&124=352&126=355&127=357&128=360&130=362&131=366&132=368&133=372&134=374&138=378&139=381&142=384&144=387&145=396&147=399'