from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_contents.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_view = resolve('view')
    pass
    yield '<nav class="contents" aria-labelledby="contents-title">\n<h2 id="contents-title">Contents</h2>\n<ol>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'overview'):
        pass
        yield '  <li><a href="#overview">Roles at a glance</a></li>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'show_catalog'):
        pass
        yield '  <li><a href="#competencies">Competencies</a>\n    <ol>\n'
        for l_1_comp in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'catalog'):
            _loop_vars = {}
            pass
            yield '      <li><a href="#competency-'
            yield escape(environment.finalize(environment.getattr(l_1_comp, 'id')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_comp, 'name')))
            yield '</a></li>\n'
        l_1_comp = missing
        yield '    </ol>\n  </li>\n'
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
            yield '    <ol>\n'
            for l_2_role in environment.getattr(l_1_track, 'roles'):
                _loop_vars = {}
                pass
                yield '      <li><a href="#role-'
                yield escape(environment.finalize(environment.getattr(l_2_role, 'id')))
                yield '">'
                yield escape(environment.finalize(environment.getattr(l_2_role, 'heading')))
                yield '</a></li>\n'
            l_2_role = missing
            yield '    </ol>\n'
        yield '  </li>\n'
    l_1_track = missing
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'profiles'):
        pass
        yield '  <li><a href="#profiles">'
        yield escape(environment.finalize((environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'profiles'), 'title') or 'Role profiles')))
        yield '</a></li>\n'
        for l_1_g in environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'profiles'), 'guidance'):
            _loop_vars = {}
            pass
            yield '  <li><a href="#guidance-'
            yield escape(environment.finalize(environment.getattr(l_1_g, 'id')))
            yield '">'
            yield escape(environment.finalize(environment.getattr(l_1_g, 'title')))
            yield '</a></li>\n'
        l_1_g = missing
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'glossary'):
        pass
        yield '  <li><a href="#glossary">Glossary</a></li>\n'
    yield '</ol>\n</nav>\n'

blocks = {}
debug_info = '5=13&8=16&11=19&12=23&17=29&18=33&19=40&21=43&22=47&28=55&29=58&30=60&31=64&34=69'