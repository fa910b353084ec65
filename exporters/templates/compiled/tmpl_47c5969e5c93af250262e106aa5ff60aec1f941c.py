from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_macros.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_meta_line = l_0_behaviors = l_0_new_at_level = l_0_role_body = l_0_coming_soon = l_0_overview = l_0_levels = l_0_guidance = l_0_glossary = l_0_rating = missing
    try:
        t_1 = environment.filters['heading']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'heading' found.")
    try:
        t_2 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    yield '\n'
    def macro(l_1_meta):
        t_5 = []
        if l_1_meta is missing:
            l_1_meta = undefined("parameter 'meta' was not provided", name='meta')
        pass
        t_5.extend((
            '<p class="meta"><span>Owner: ',
            escape(environment.finalize(environment.getattr(l_1_meta, 'owner'))),
            '</span><span>Version ',
            escape(environment.finalize(environment.getattr(l_1_meta, 'version'))),
            '</span><span><time datetime="',
            escape(environment.finalize(context.call(environment.getattr(context.call(environment.getattr(environment.getattr(l_1_meta, 'date'), 'date')), 'isoformat')))),
            '">',
            escape(environment.finalize(environment.getattr(l_1_meta, 'date_text'))),
            '</time></span></p>\n',
        ))
        return concat(t_5)
    context.exported_vars.add('meta_line')
    context.vars['meta_line'] = l_0_meta_line = Macro(environment, macro, 'meta_line', ('meta',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_items):
        t_6 = []
        if l_1_items is missing:
            l_1_items = undefined("parameter 'items' was not provided", name='items')
        pass
        t_6.append(
            '<ul class="behaviors">\n',
        )
        for l_2_b in l_1_items:
            _loop_vars = {}
            pass
            t_6.extend((
                '  <li>',
                escape(environment.finalize(environment.getattr(l_2_b, 'text'))),
            ))
            if environment.getattr(l_2_b, 'new'):
                pass
                t_6.append(
                    ' <strong class="badge">New at this level</strong>',
                )
            for l_3_ex in environment.getattr(l_2_b, 'examples'):
                _loop_vars = {}
                pass
                t_6.extend((
                    '    <p class="example"><span class="label">Example</span> ',
                    escape(environment.finalize(l_3_ex)),
                    '</p>\n',
                ))
            l_3_ex = missing
            t_6.append(
                '  </li>\n',
            )
        l_2_b = missing
        t_6.append(
            '</ul>\n',
        )
        return concat(t_6)
    context.exported_vars.add('behaviors')
    context.vars['behaviors'] = l_0_behaviors = Macro(environment, macro, 'behaviors', ('items',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_new, l_1_level, l_1_id):
        t_7 = []
        l_1_h2 = resolve('h2')
        l_1_h = missing
        if l_1_new is missing:
            l_1_new = undefined("parameter 'new' was not provided", name='new')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        if l_1_id is missing:
            l_1_id = undefined("parameter 'id' was not provided", name='id')
        pass
        l_1_h = t_1(l_1_level)
        t_7.extend((
            '<section class="new-at-level">\n<',
            escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
            ' id="',
            escape(environment.finalize(l_1_id)),
            '">New at this level</',
            escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
            '>\n<p>',
            escape(environment.finalize(environment.getattr(l_1_new, 'summary'))),
            '</p>\n',
        ))
        if environment.getattr(l_1_new, 'all_new'):
            pass
            t_7.append(
                '<div class="table-wrap">\n<table class="new-counts">\n<thead><tr><th scope="col">Competency</th><th scope="col" class="num">New behaviors</th></tr></thead>\n<tbody>\n',
            )
            for l_2_g in environment.getattr(l_1_new, 'groups'):
                _loop_vars = {}
                pass
                t_7.extend((
                    '<tr><th scope="row">',
                    escape(environment.finalize(environment.getattr(l_2_g, 'label'))),
                    '</th><td class="num">',
                    escape(environment.finalize(t_3(environment.getattr(l_2_g, 'behaviors')))),
                    '</td></tr>\n',
                ))
            l_2_g = missing
            t_7.append(
                '</tbody>\n</table>\n</div>\n',
            )
        elif environment.getattr(l_1_new, 'new_count'):
            pass
            l_1_h2 = t_1((l_1_level + 1))
            for l_2_g in environment.getattr(l_1_new, 'groups'):
                _loop_vars = {}
                pass
                t_7.extend((
                    '<',
                    escape(environment.finalize((undefined(name='h2') if l_1_h2 is missing else l_1_h2))),
                    ' class="label-heading">',
                    escape(environment.finalize(environment.getattr(l_2_g, 'label'))),
                    '</',
                    escape(environment.finalize((undefined(name='h2') if l_1_h2 is missing else l_1_h2))),
                    '>\n',
                ))
                if environment.getattr(l_2_g, 'behaviors'):
                    pass
                    t_7.append(
                        '<ul class="behaviors">\n',
                    )
                    for l_3_text in environment.getattr(l_2_g, 'behaviors'):
                        _loop_vars = {}
                        pass
                        t_7.extend((
                            '  <li>',
                            escape(environment.finalize(l_3_text)),
                            '</li>\n',
                        ))
                    l_3_text = missing
                    t_7.append(
                        '</ul>\n',
                    )
                else:
                    pass
                    t_7.append(
                        '<p>Nothing new at this level.</p>\n',
                    )
            l_2_g = missing
        t_7.append(
            '</section>\n',
        )
        return concat(t_7)
    context.exported_vars.add('new_at_level')
    context.vars['new_at_level'] = l_0_new_at_level = Macro(environment, macro, 'new_at_level', ('new', 'level', 'id'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_role, l_1_level, l_1_definitions):
        t_8 = []
        l_1_h = l_1_sub = missing
        if l_1_role is missing:
            l_1_role = undefined("parameter 'role' was not provided", name='role')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        if l_1_definitions is missing:
            l_1_definitions = undefined("parameter 'definitions' was not provided", name='definitions')
        pass
        if environment.getattr(l_1_role, 'summary'):
            pass
            t_8.extend((
                '<p class="lead">',
                escape(environment.finalize(environment.getattr(l_1_role, 'summary'))),
                '</p>\n',
            ))
        if environment.getattr(l_1_role, 'builds_on'):
            pass
            t_8.extend((
                '<p class="builds-on"><strong>Builds on:</strong> ',
                escape(environment.finalize(environment.getattr(l_1_role, 'builds_on'))),
                '</p>\n',
            ))
        if environment.getattr(l_1_role, 'new'):
            pass
            t_8.extend((
                escape(environment.finalize(context.call((undefined(name='new_at_level') if l_0_new_at_level is missing else l_0_new_at_level), environment.getattr(l_1_role, 'new'), l_1_level, markup_join((environment.getattr(l_1_role, 'id'), '--new', ))))),
                '\n',
            ))
        l_1_h = t_1(l_1_level)
        l_1_sub = t_1((l_1_level + 1))
        for l_2_s in environment.getattr(l_1_role, 'sections'):
            l_2_id = l_2_text = missing
            _loop_vars = {}
            pass
            l_2_id = markup_join((environment.getattr(l_1_role, 'id'), '--', environment.getattr(l_2_s, 'competency_id'), ))
            _loop_vars['id'] = l_2_id
            t_8.extend((
                '<section class="competency" id="',
                escape(environment.finalize((undefined(name='id') if l_2_id is missing else l_2_id))),
                '" data-competency="',
                escape(environment.finalize(environment.getattr(l_2_s, 'competency_id'))),
                '">\n<',
                escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
                ' id="',
                escape(environment.finalize((undefined(name='id') if l_2_id is missing else l_2_id))),
                '-title">',
                escape(environment.finalize(environment.getattr(l_2_s, 'name'))),
                '</',
                escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
                '>\n',
            ))
            l_2_text = (environment.getattr(l_2_s, 'text') if l_1_definitions else environment.getattr(l_2_s, 'description'))
            _loop_vars['text'] = l_2_text
            if (undefined(name='text') if l_2_text is missing else l_2_text):
                pass
                t_8.extend((
                    '<p>',
                    escape(environment.finalize((undefined(name='text') if l_2_text is missing else l_2_text))),
                    '</p>\n',
                ))
            if (environment.getattr(l_2_s, 'behaviors') or environment.getattr(l_2_s, 'examples')):
                pass
                t_8.append(
                    '<div class="practice',
                )
                if (environment.getattr(l_2_s, 'behaviors') and environment.getattr(l_2_s, 'examples')):
                    pass
                    t_8.append(
                        ' with-examples',
                    )
                t_8.append(
                    '">\n',
                )
                if environment.getattr(l_2_s, 'behaviors'):
                    pass
                    t_8.extend((
                        '<div class="practice-behaviors">\n<',
                        escape(environment.finalize((undefined(name='sub') if l_1_sub is missing else l_1_sub))),
                        ' class="label-heading">Behaviors</',
                        escape(environment.finalize((undefined(name='sub') if l_1_sub is missing else l_1_sub))),
                        '>\n',
                        escape(environment.finalize(context.call((undefined(name='behaviors') if l_0_behaviors is missing else l_0_behaviors), environment.getattr(l_2_s, 'behaviors'), _loop_vars=_loop_vars))),
                        '\n</div>\n',
                    ))
                if environment.getattr(l_2_s, 'examples'):
                    pass
                    t_8.extend((
                        '<div class="section-examples">\n<',
                        escape(environment.finalize((undefined(name='sub') if l_1_sub is missing else l_1_sub))),
                        ' class="label-heading" id="',
                        escape(environment.finalize((undefined(name='id') if l_2_id is missing else l_2_id))),
                        '-examples">',
                        escape(environment.finalize(environment.getattr(l_2_s, 'examples_heading'))),
                        '</',
                        escape(environment.finalize((undefined(name='sub') if l_1_sub is missing else l_1_sub))),
                        '>\n<ul class="examples" aria-labelledby="',
                        escape(environment.finalize((undefined(name='id') if l_2_id is missing else l_2_id))),
                        '-examples">\n',
                    ))
                    for l_3_ex in environment.getattr(l_2_s, 'examples'):
                        _loop_vars = {}
                        pass
                        t_8.extend((
                            '  <li><span class="label">',
                            escape(environment.finalize(environment.getattr(l_3_ex, 'label'))),
                            '</span> ',
                            escape(environment.finalize(environment.getattr(l_3_ex, 'text'))),
                            '</li>\n',
                        ))
                    l_3_ex = missing
                    t_8.append(
                        '</ul>\n</div>\n',
                    )
                t_8.append(
                    '</div>\n',
                )
            t_8.append(
                '</section>\n',
            )
        l_2_s = l_2_id = l_2_text = missing
        return concat(t_8)
    context.exported_vars.add('role_body')
    context.vars['role_body'] = l_0_role_body = Macro(environment, macro, 'role_body', ('role', 'level', 'definitions'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_track, l_1_level):
        t_9 = []
        l_1_h = resolve('h')
        if l_1_track is missing:
            l_1_track = undefined("parameter 'track' was not provided", name='track')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        pass
        t_9.append(
            '<p class="notice"><strong>Coming soon.</strong>',
        )
        if environment.getattr(l_1_track, 'notice'):
            pass
            t_9.extend((
                ' ',
                escape(environment.finalize(environment.getattr(l_1_track, 'notice'))),
            ))
        t_9.append(
            '</p>\n',
        )
        if environment.getattr(l_1_track, 'competencies'):
            pass
            l_1_h = t_1(l_1_level)
            t_9.extend((
                '<',
                escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
                ' class="label-heading">Competencies it will cover</',
                escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
                '>\n<ul class="behaviors">\n',
            ))
            for l_2_name in environment.getattr(l_1_track, 'competencies'):
                _loop_vars = {}
                pass
                t_9.extend((
                    '  <li>',
                    escape(environment.finalize(l_2_name)),
                    '</li>\n',
                ))
            l_2_name = missing
            t_9.append(
                '</ul>\n',
            )
        return concat(t_9)
    context.exported_vars.add('coming_soon')
    context.vars['coming_soon'] = l_0_coming_soon = Macro(environment, macro, 'coming_soon', ('track', 'level'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_ov, l_1_level):
        t_10 = []
        l_1_h = missing
        if l_1_ov is missing:
            l_1_ov = undefined("parameter 'ov' was not provided", name='ov')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        pass
        l_1_h = t_1(l_1_level)
        t_10.extend((
            '<section id="overview" aria-labelledby="overview-title">\n<',
            escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
            ' id="overview-title">Roles at a glance</',
            escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
            '>\n<div class="table-wrap">\n<table class="overview">\n<caption>Number of behaviors each role is expected to show in each competency (— where the role has none).</caption>\n<thead>\n<tr><th scope="col">Role</th>',
        ))
        for l_2_name in environment.getattr(l_1_ov, 'competencies'):
            _loop_vars = {}
            pass
            t_10.extend((
                '<th scope="col" class="num">',
                escape(environment.finalize(l_2_name)),
                '</th>',
            ))
        l_2_name = missing
        t_10.append(
            '</tr>\n</thead>\n<tbody>\n',
        )
        for l_2_row in environment.getattr(l_1_ov, 'rows'):
            _loop_vars = {}
            pass
            t_10.extend((
                '<tr><th scope="row">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_row, 'role'), 'heading'))),
                '<span class="position">',
                escape(environment.finalize(environment.getattr(environment.getattr(l_2_row, 'role'), 'position'))),
                '</span></th>',
            ))
            for l_3_cell in environment.getattr(l_2_row, 'cells'):
                _loop_vars = {}
                pass
                t_10.append(
                    '<td class="num">',
                )
                if t_4(l_3_cell):
                    pass
                    t_10.append(
                        '<span aria-hidden="true">—</span><span class="sr-only">none</span>',
                    )
                else:
                    pass
                    t_10.append(
                        escape(environment.finalize(l_3_cell)),
                    )
                t_10.append(
                    '</td>',
                )
            l_3_cell = missing
            t_10.append(
                '</tr>\n',
            )
        l_2_row = missing
        t_10.append(
            '</tbody>\n</table>\n</div>\n</section>\n',
        )
        return concat(t_10)
    context.exported_vars.add('overview')
    context.vars['overview'] = l_0_overview = Macro(environment, macro, 'overview', ('ov', 'level'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_comp, l_1_level, l_1_with_questions):
        t_11 = []
        l_1_h = l_1_sub = missing
        if l_1_comp is missing:
            l_1_comp = undefined("parameter 'comp' was not provided", name='comp')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        if l_1_with_questions is missing:
            l_1_with_questions = undefined("parameter 'with_questions' was not provided", name='with_questions')
        pass
        l_1_h = t_1(l_1_level)
        l_1_sub = t_1((l_1_level + 1))
        for l_2_lv in environment.getattr(l_1_comp, 'levels'):
            _loop_vars = {}
            pass
            t_11.extend((
                '<section class="level" id="',
                escape(environment.finalize(environment.getattr(l_1_comp, 'id'))),
                '--level-',
                escape(environment.finalize(environment.getattr(l_2_lv, 'level'))),
                '">\n<',
                escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
                ' id="',
                escape(environment.finalize(environment.getattr(l_1_comp, 'id'))),
                '--level-',
                escape(environment.finalize(environment.getattr(l_2_lv, 'level'))),
                '-title">Level ',
                escape(environment.finalize(environment.getattr(l_2_lv, 'level'))),
                '</',
                escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
                '>\n<p>',
                escape(environment.finalize(environment.getattr(l_2_lv, 'summary'))),
                '</p>\n',
            ))
            if environment.getattr(l_2_lv, 'behaviors'):
                pass
                t_11.extend((
                    '<',
                    escape(environment.finalize((undefined(name='sub') if l_1_sub is missing else l_1_sub))),
                    ' class="label-heading">Behaviors</',
                    escape(environment.finalize((undefined(name='sub') if l_1_sub is missing else l_1_sub))),
                    '>\n',
                    escape(environment.finalize(context.call((undefined(name='behaviors') if l_0_behaviors is missing else l_0_behaviors), environment.getattr(l_2_lv, 'behaviors'), _loop_vars=_loop_vars))),
                    '\n',
                ))
            if (l_1_with_questions and environment.getattr(l_2_lv, 'questions')):
                pass
                t_11.extend((
                    '<',
                    escape(environment.finalize((undefined(name='sub') if l_1_sub is missing else l_1_sub))),
                    ' class="label-heading">Interview questions</',
                    escape(environment.finalize((undefined(name='sub') if l_1_sub is missing else l_1_sub))),
                    '>\n<ul class="behaviors">\n',
                ))
                for l_3_q in environment.getattr(l_2_lv, 'questions'):
                    _loop_vars = {}
                    pass
                    t_11.extend((
                        '  <li>',
                        escape(environment.finalize(environment.getattr(l_3_q, 'text'))),
                        '\n',
                    ))
                    for l_4_probe in environment.getattr(l_3_q, 'probes'):
                        _loop_vars = {}
                        pass
                        t_11.extend((
                            '    <p class="example"><span class="label">Probe</span> ',
                            escape(environment.finalize(l_4_probe)),
                            '</p>\n',
                        ))
                    l_4_probe = missing
                    t_11.append(
                        '  </li>\n',
                    )
                l_3_q = missing
                t_11.append(
                    '</ul>\n',
                )
            t_11.append(
                '</section>\n',
            )
        l_2_lv = missing
        return concat(t_11)
    context.exported_vars.add('levels')
    context.vars['levels'] = l_0_levels = Macro(environment, macro, 'levels', ('comp', 'level', 'with_questions'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_g, l_1_level, l_1_prefix):
        t_12 = []
        l_1_h = l_1_id = missing
        if l_1_g is missing:
            l_1_g = undefined("parameter 'g' was not provided", name='g')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        if l_1_prefix is missing:
            l_1_prefix = undefined("parameter 'prefix' was not provided", name='prefix')
        pass
        l_1_h = t_1(l_1_level)
        l_1_id = markup_join((l_1_prefix, environment.getattr(l_1_g, 'id'), ))
        t_12.extend((
            '<section class="guidance" id="',
            escape(environment.finalize((undefined(name='id') if l_1_id is missing else l_1_id))),
            '">\n<',
            escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
            ' id="',
            escape(environment.finalize((undefined(name='id') if l_1_id is missing else l_1_id))),
            '-title">',
            escape(environment.finalize(environment.getattr(l_1_g, 'title'))),
            '</',
            escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
            '>\n',
        ))
        if (environment.getattr(l_1_g, 'audience') or environment.getattr(l_1_g, 'applies_to')):
            pass
            t_12.append(
                '<p class="meta">',
            )
            if environment.getattr(l_1_g, 'audience'):
                pass
                t_12.extend((
                    '<span>',
                    escape(environment.finalize(environment.getattr(l_1_g, 'audience'))),
                    '</span>',
                ))
            if environment.getattr(l_1_g, 'applies_to'):
                pass
                t_12.extend((
                    '<span>Applies to: ',
                    escape(environment.finalize(t_2(context.eval_ctx, environment.getattr(l_1_g, 'applies_to'), ', '))),
                    '</span>',
                ))
            t_12.append(
                '</p>\n',
            )
        if environment.getattr(l_1_g, 'text'):
            pass
            t_12.extend((
                '<p>',
                escape(environment.finalize(environment.getattr(l_1_g, 'text'))),
                '</p>\n',
            ))
        if environment.getattr(l_1_g, 'items'):
            pass
            t_12.append(
                '<ul class="guidance-items">\n',
            )
            for l_2_item in environment.getattr(l_1_g, 'items'):
                _loop_vars = {}
                pass
                t_12.extend((
                    '  <li><strong>',
                    escape(environment.finalize(environment.getattr(l_2_item, 'label'))),
                    ':</strong> ',
                    escape(environment.finalize(environment.getattr(l_2_item, 'text'))),
                    '</li>\n',
                ))
            l_2_item = missing
            t_12.append(
                '</ul>\n',
            )
        for l_2_section in environment.getattr(l_1_g, 'sections'):
            _loop_vars = {}
            pass
            t_12.extend((
                escape(environment.finalize(context.call((undefined(name='guidance') if l_0_guidance is missing else l_0_guidance), l_2_section, (l_1_level + 1), markup_join(((undefined(name='id') if l_1_id is missing else l_1_id), '--', )), _loop_vars=_loop_vars))),
                '\n',
            ))
        l_2_section = missing
        t_12.append(
            '</section>\n',
        )
        return concat(t_12)
    context.exported_vars.add('guidance')
    context.vars['guidance'] = l_0_guidance = Macro(environment, macro, 'guidance', ('g', 'level', 'prefix'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_terms, l_1_level):
        t_13 = []
        l_1_h = resolve('h')
        if l_1_terms is missing:
            l_1_terms = undefined("parameter 'terms' was not provided", name='terms')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        pass
        if l_1_terms:
            pass
            l_1_h = t_1(l_1_level)
            t_13.extend((
                '<section class="glossary" id="glossary" aria-labelledby="glossary-title">\n<',
                escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
                ' id="glossary-title">Glossary</',
                escape(environment.finalize((undefined(name='h') if l_1_h is missing else l_1_h))),
                '>\n<div class="table-wrap">\n<table class="glossary">\n<thead><tr><th scope="col">Term</th><th scope="col">Meaning</th></tr></thead>\n<tbody>\n',
            ))
            for l_2_t in l_1_terms:
                _loop_vars = {}
                pass
                t_13.extend((
                    '<tr><th scope="row"><abbr title="',
                    escape(environment.finalize(environment.getattr(l_2_t, 'expansion'))),
                    '">',
                    escape(environment.finalize(environment.getattr(l_2_t, 'term'))),
                    '</abbr></th><td>',
                    escape(environment.finalize(environment.getattr(l_2_t, 'expansion'))),
                    '</td></tr>\n',
                ))
            l_2_t = missing
            t_13.append(
                '</tbody>\n</table>\n</div>\n</section>\n',
            )
        return concat(t_13)
    context.exported_vars.add('glossary')
    context.vars['glossary'] = l_0_glossary = Macro(environment, macro, 'glossary', ('terms', 'level'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_scale, l_1_label, l_1_id):
        t_14 = []
        if l_1_scale is missing:
            l_1_scale = undefined("parameter 'scale' was not provided", name='scale')
        if l_1_label is missing:
            l_1_label = undefined("parameter 'label' was not provided", name='label')
        if l_1_id is missing:
            l_1_id = undefined("parameter 'id' was not provided", name='id')
        pass
        t_14.extend((
            '<table class="rating" aria-label="',
            escape(environment.finalize(l_1_label)),
            '">\n<tbody><tr><th scope="row" id="',
            escape(environment.finalize(l_1_id)),
            '">',
            escape(environment.finalize(l_1_label)),
            '</th>',
        ))
        for l_2_n in l_1_scale:
            _loop_vars = {}
            pass
            t_14.extend((
                '<td><span class="box" aria-hidden="true"></span>',
                escape(environment.finalize(l_2_n)),
                '</td>',
            ))
        l_2_n = missing
        t_14.append(
            '</tr></tbody>\n</table>\n',
        )
        return concat(t_14)
    context.exported_vars.add('rating')
    context.vars['rating'] = l_0_rating = Macro(environment, macro, 'rating', ('scale', 'label', 'id'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '4=37&5=44&8=57&10=65&11=70&12=77&13=82&20=97&21=108&23=111&24=117&25=120&30=125&31=130&36=139&37=141&38=142&39=147&40=154&42=159&43=164&54=184&55=194&56=198&58=201&59=205&61=208&62=211&64=214&65=215&66=216&67=220&68=224&69=228&70=237&71=239&72=243&74=246&75=251&76=259&78=263&79=267&82=270&84=274&85=282&86=285&87=290&98=310&99=321&100=330&101=332&102=335&104=340&105=345&111=356&112=364&114=367&119=372&122=384&123=389&131=425&132=435&133=436&134=437&135=442&136=446&137=456&138=459&139=463&140=467&142=470&143=474&145=479&146=484&147=487&148=492&158=511&159=521&160=522&161=525&162=527&163=536&164=541&166=558&167=562&169=565&171=570&172=575&176=584&177=588&182=599&183=607&184=609&186=612&191=617&192=622&201=637&202=648&203=650'