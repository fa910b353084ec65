from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_changes.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_change_text = l_0_changes_body = missing
    try:
        t_1 = environment.filters['heading']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'heading' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    def macro(l_1_line):
        t_3 = []
        if l_1_line is missing:
            l_1_line = undefined("parameter 'line' was not provided", name='line')
        pass
        if environment.getattr(l_1_line, 'reworded'):
            pass
            for l_2_p in environment.getattr(l_1_line, 'pieces'):
                _loop_vars = {}
                pass
                if (environment.getattr(l_2_p, 'op') == 'delete'):
                    pass
                    t_3.extend((
                        '<del><span class="sr-only">deleted: </span>',
                        escape(environment.finalize(environment.getattr(l_2_p, 'text'))),
                        '</del>',
                    ))
                elif (environment.getattr(l_2_p, 'op') == 'insert'):
                    pass
                    t_3.extend((
                        '<ins><span class="sr-only">inserted: </span>',
                        escape(environment.finalize(environment.getattr(l_2_p, 'text'))),
                        '</ins>',
                    ))
                else:
                    pass
                    t_3.append(
                        escape(environment.finalize(environment.getattr(l_2_p, 'text'))),
                    )
            l_2_p = missing
        else:
            pass
            t_3.append(
                escape(environment.finalize(environment.getattr(l_1_line, 'text'))),
            )
        return concat(t_3)
    context.exported_vars.add('change_text')
    context.vars['change_text'] = l_0_change_text = Macro(environment, macro, 'change_text', ('line',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_view, l_1_level):
        t_4 = []
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        if l_1_level is missing:
            l_1_level = undefined("parameter 'level' was not provided", name='level')
        pass
        if (environment.getattr(l_1_view, 'status') == 'unchanged'):
            pass
            t_4.extend((
                '<p class="lead">Nothing changed since ',
                escape(environment.finalize(environment.getattr(l_1_view, 'base'))),
                '.</p>\n',
            ))
        elif (environment.getattr(l_1_view, 'status') == 'added'):
            pass
            t_4.extend((
                '<p class="lead">The framework is new since ',
                escape(environment.finalize(environment.getattr(l_1_view, 'base'))),
                '.</p>\n',
            ))
        else:
            pass
            t_4.extend((
                '<p class="lead">',
                escape(environment.finalize(environment.getattr(l_1_view, 'summary'))),
                '.</p>\n',
            ))
            if (t_2(environment.getattr(l_1_view, 'sections')) > 1):
                pass
                t_4.extend((
                    '<nav class="contents" aria-labelledby="changes-contents-title">\n<h',
                    escape(environment.finalize(l_1_level)),
                    ' id="changes-contents-title">Contents</h',
                    escape(environment.finalize(l_1_level)),
                    '>\n<ul>\n',
                ))
                for l_2_section in environment.getattr(l_1_view, 'sections'):
                    _loop_vars = {}
                    pass
                    t_4.extend((
                        '  <li><a href="#',
                        escape(environment.finalize(environment.getattr(l_2_section, 'id'))),
                        '">',
                        escape(environment.finalize(environment.getattr(l_2_section, 'heading'))),
                        '</a> (',
                        escape(environment.finalize(environment.getattr(l_2_section, 'count'))),
                        ')</li>\n',
                    ))
                l_2_section = missing
                t_4.append(
                    '</ul>\n</nav>\n',
                )
            for l_2_section in environment.getattr(l_1_view, 'sections'):
                _loop_vars = {}
                pass
                t_4.extend((
                    '<section class="change-section" id="',
                    escape(environment.finalize(environment.getattr(l_2_section, 'id'))),
                    '" aria-labelledby="',
                    escape(environment.finalize(environment.getattr(l_2_section, 'id'))),
                    '-title">\n<',
                    escape(environment.finalize(t_1(l_1_level))),
                    ' id="',
                    escape(environment.finalize(environment.getattr(l_2_section, 'id'))),
                    '-title">',
                    escape(environment.finalize(environment.getattr(l_2_section, 'heading'))),
                    '</',
                    escape(environment.finalize(t_1(l_1_level))),
                    '>\n',
                ))
                for l_3_block in environment.getattr(l_2_section, 'blocks'):
                    _loop_vars = {}
                    pass
                    if environment.getattr(l_3_block, 'heading'):
                        pass
                        t_4.extend((
                            '<',
                            escape(environment.finalize(t_1((l_1_level + 1)))),
                            '>',
                            escape(environment.finalize(environment.getattr(l_3_block, 'heading'))),
                            '</',
                            escape(environment.finalize(t_1((l_1_level + 1)))),
                            '>\n',
                        ))
                    t_4.append(
                        '<ul class="changes">\n',
                    )
                    for l_4_line in environment.getattr(l_3_block, 'lines'):
                        _loop_vars = {}
                        pass
                        t_4.extend((
                            '  <li class="change change-',
                            escape(environment.finalize(environment.getattr(l_4_line, 'kind'))),
                            '"><strong class="change-label">',
                            escape(environment.finalize(environment.getattr(l_4_line, 'label'))),
                            ':</strong> ',
                            escape(environment.finalize(context.call((undefined(name='change_text') if l_0_change_text is missing else l_0_change_text), l_4_line, _loop_vars=_loop_vars))),
                        ))
                        if environment.getattr(l_4_line, 'note'):
                            pass
                            t_4.extend((
                                ' <span class="change-note">(',
                                escape(environment.finalize(environment.getattr(l_4_line, 'note'))),
                                ')</span>',
                            ))
                        t_4.append(
                            '</li>\n',
                        )
                    l_4_line = missing
                    t_4.append(
                        '</ul>\n',
                    )
                l_3_block = missing
                t_4.append(
                    '</section>\n',
                )
            l_2_section = missing
        return concat(t_4)
    context.exported_vars.add('changes_body')
    context.vars['changes_body'] = l_0_changes_body = Macro(environment, macro, 'changes_body', ('view', 'level'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=24&4=29&7=63&8=70&9=74&10=77&11=81&13=88&14=91&16=95&18=100&19=105&24=116&25=121&26=125&27=134&28=137&29=141&32=151&33=156'