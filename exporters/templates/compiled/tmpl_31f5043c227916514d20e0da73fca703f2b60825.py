from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'interview.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_m = missing
    pass
    parent_template = environment.get_template('_base.html.j2', 'interview.html.j2')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    l_0_m = context.vars['m'] = environment.get_template('_macros.html.j2', 'interview.html.j2')._get_default_module(context)
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
    l_0_comp = missing
    pass
    l_0_comp = environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'competency')
    _block_vars['comp'] = l_0_comp
    yield '<header class="doc-header">\n<h1>'
    yield escape(environment.finalize(environment.getattr((undefined(name='comp') if l_0_comp is missing else l_0_comp), 'name')))
    yield '</h1>\n<p class="subtitle">'
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'kind')))
    yield ' · '
    yield escape(environment.finalize(environment.getattr((undefined(name='meta') if l_0_meta is missing else l_0_meta), 'framework_title')))
    yield '</p>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'meta_line'), (undefined(name='meta') if l_0_meta is missing else l_0_meta), _block_vars=_block_vars)))
    yield '\n</header>\n<table class="fill-in" aria-label="Interview details">\n<tbody>\n<tr><th scope="row">Candidate</th><td></td><th scope="row">Date</th><td></td></tr>\n<tr><th scope="row">Role</th><td></td><th scope="row">Interviewer</th><td></td></tr>\n</tbody>\n</table>\n'
    if environment.getattr((undefined(name='comp') if l_0_comp is missing else l_0_comp), 'definition'):
        pass
        yield '<p class="lead">'
        yield escape(environment.finalize(environment.getattr((undefined(name='comp') if l_0_comp is missing else l_0_comp), 'definition')))
        yield '</p>\n'
    yield '<p>'
    yield escape(environment.finalize(environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'instructions')))
    yield '</p>\n<section id="levels" aria-labelledby="levels-title">\n<h2 id="levels-title">What each level looks like</h2>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'levels'), (undefined(name='comp') if l_0_comp is missing else l_0_comp), 3, False, _block_vars=_block_vars)))
    yield '\n</section>\n<section id="questions" class="page-break" aria-labelledby="questions-title">\n<h2 id="questions-title">Questions</h2>\n'
    def t_1(fiter):
        for l_1_lv in fiter:
            if environment.getattr(l_1_lv, 'questions'):
                yield l_1_lv
    for l_1_lv in t_1(environment.getattr((undefined(name='comp') if l_0_comp is missing else l_0_comp), 'levels')):
        _loop_vars = {}
        pass
        yield '<section class="question-level">\n<h3 id="questions-level-'
        yield escape(environment.finalize(environment.getattr(l_1_lv, 'level')))
        yield '">Level '
        yield escape(environment.finalize(environment.getattr(l_1_lv, 'level')))
        yield ' questions</h3>\n<p class="meta">'
        yield escape(environment.finalize(environment.getattr(l_1_lv, 'summary')))
        yield '</p>\n'
        for l_2_q in environment.getattr(l_1_lv, 'questions'):
            _loop_vars = {}
            pass
            yield '<section class="question">\n<h4 id="q'
            yield escape(environment.finalize(environment.getattr(l_2_q, 'number')))
            yield '">Question '
            yield escape(environment.finalize(environment.getattr(l_2_q, 'number')))
            yield '</h4>\n<p class="question-text">'
            yield escape(environment.finalize(environment.getattr(l_2_q, 'text')))
            yield '</p>\n'
            if environment.getattr(l_2_q, 'probes'):
                pass
                yield '<h5 class="label-heading">Probing questions</h5>\n<ul class="behaviors">\n'
                for l_3_probe in environment.getattr(l_2_q, 'probes'):
                    _loop_vars = {}
                    pass
                    yield '  <li>'
                    yield escape(environment.finalize(l_3_probe))
                    yield '</li>\n'
                l_3_probe = missing
                yield '</ul>\n'
            yield '<p class="label-heading">Notes</p>\n<div class="notes-box"></div>\n'
            yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'rating'), environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'scale'), 'Rating', markup_join(('q', environment.getattr(l_2_q, 'number'), '-rating', )), _loop_vars=_loop_vars)))
            yield '\n</section>\n'
        l_2_q = missing
        yield '</section>\n'
    l_1_lv = missing
    yield '</section>\n<section id="overall" class="page-break" aria-labelledby="overall-title">\n<h2 id="overall-title">Overall assessment</h2>\n<p class="label-heading">Summary and recommendation</p>\n<div class="notes-box tall"></div>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'rating'), environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'scale'), 'Overall rating', 'overall-rating', _block_vars=_block_vars)))
    yield '\n</section>\n'
    yield escape(environment.finalize(context.call(environment.getattr((undefined(name='m') if l_0_m is missing else l_0_m), 'glossary'), environment.getattr((undefined(name='view') if l_0_view is missing else l_0_view), 'glossary'), 2, _block_vars=_block_vars)))
    yield '\n'

blocks = {'body': block_body}
debug_info = '1=13&2=16&3=20&4=32&6=35&7=37&8=41&16=43&17=46&19=49&22=51&26=53&28=61&29=65&30=67&32=71&33=75&34=77&37=80&38=84&44=89&54=95&56=97'