from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'framework.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('_base.html.j2', 'framework.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('_macros.html.j2', 'framework.html.j2')._get_default_module(context)
    context.exported_vars.discard('m')
    yield from parent_template.root_render_func(context)

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
    l_0_p = resolve('p')
    pass
    yield '<header class="doc-header">\n<h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))
    yield '</h1>\n<p class="subtitle">'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'kind')))
    yield '</p>\n'
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
    template = environment.get_template('_contents.html.j2', 'framework.html.j2')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'p': l_0_p}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'overview'):
        pass
        yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'overview'), environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'overview'), 2, _block_vars=_block_vars)))
        yield '\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'show_catalog'):
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
            if environment.getattr(l_1_comp, 'definition'):
                pass
                yield '<p>'
                yield escape(environment.finalize(environment.getattr(l_1_comp, 'definition')))
                yield '</p>\n'
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'levels'), l_1_comp, 4, True, _loop_vars=_loop_vars)))
            yield '\n</section>\n'
        l_1_comp = missing
        yield '</section>\n'
    l_1_loop = missing
    for l_1_track, l_1_loop in LoopContext(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'tracks'), undefined):
        _loop_vars = {}
        pass
        yield '<section class="track'
        if (not environment.getattr(l_1_track, 'coming_soon')):
            pass
            yield ' page-break'
        yield '" id="track-'
        yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
        yield '" aria-labelledby="track-'
        yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
        yield '-title">\n<h2 id="track-'
        yield escape(environment.finalize(environment.getattr(l_1_track, 'id')))
        yield '-title">'
        yield escape(environment.finalize(environment.getattr(l_1_track, 'name')))
        yield '</h2>\n'
        if environment.getattr(l_1_track, 'coming_soon'):
            pass
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'coming_soon'), l_1_track, 3, _loop_vars=_loop_vars)))
            yield '\n'
        l_2_loop = missing
        for l_2_role, l_2_loop in LoopContext(environment.getattr(l_1_track, 'roles'), undefined):
            _loop_vars = {}
            pass
            yield '<article class="role'
            if (not environment.getattr(l_2_loop, 'first')):
                pass
                yield ' page-break'
            yield '" id="role-'
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
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'role_body'), l_2_role, 4, False, _loop_vars=_loop_vars)))
            yield '\n</article>\n'
        l_2_loop = l_2_role = missing
        yield '</section>\n'
    l_1_loop = l_1_track = missing
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'profiles'):
        pass
        l_0_p = environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'profiles')
        _block_vars['p'] = l_0_p
        yield '<section class="page-break" id="profiles" aria-labelledby="profiles-title">\n<h2 id="profiles-title">'
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
            yield '</h3>\n<p>'
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

blocks = {'body': block_body}
debug_info = '1=13&2=16&3=20&5=33&6=35&7=37&8=39&9=42&12=45&13=48&15=50&16=56&17=58&19=60&22=63&23=67&24=69&25=73&26=76&28=78&33=83&34=87&35=95&36=99&37=101&39=104&40=108&41=116&42=120&43=122&48=127&49=129&51=132&52=134&53=137&55=139&56=143&57=145&58=149&62=153&63=156&66=159'