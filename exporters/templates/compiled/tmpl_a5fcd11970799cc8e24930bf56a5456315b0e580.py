from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'hiring.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('_base.html.j2', 'hiring.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('_macros.html.j2', 'hiring.html.j2')._get_default_module(context)
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
    pass
    yield '<header class="doc-header">\n<h1>'
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'profile'), 'title')))
    yield '</h1>\n<p class="subtitle">'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'kind')))
    yield ' · '
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))
    yield '</p>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'meta_line'), (undefined(name='meta') if l_0_meta is missing else l_0_meta), _block_vars=_block_vars)))
    yield '\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'source'):
        pass
        yield '<p class="meta">Source: '
        yield escape(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'source')))
        yield '</p>\n'
    yield '</header>\n<section id="responsibilities" aria-labelledby="responsibilities-title">\n<h2 id="responsibilities-title">Responsibilities</h2>\n<p>'
    yield escape(environment.finalize(environment.getattr(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'profile'), 'summary')))
    yield '</p>\n</section>\n'
    if environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'guidance'):
        pass
        yield '<section id="hiring-guidance" aria-labelledby="hiring-guidance-title">\n<h2 id="hiring-guidance-title">Hiring guidance</h2>\n'
        for l_1_g in environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'guidance'):
            _loop_vars = {}
            pass
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'guidance'), l_1_g, 3, 'guidance-', _loop_vars=_loop_vars)))
            yield '\n'
        l_1_g = missing
        yield '</section>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'glossary'), environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'glossary'), 2, _block_vars=_block_vars)))
    yield '\n'

blocks = {'body': block_body}
debug_info = '1=13&2=16&3=20&5=32&6=34&7=38&8=40&9=43&14=46&16=48&19=51&20=54&24=58'