#!/usr/bin/env python3
"""A report's web page as many sites publish it, for tests/routes/printed.sh: table B's 法人或其他组织
columns left blank where they are 0, and （六）其他处理 printed only by its total (one row, its
three items summed) where that loses nothing: its first two items are 0, so the total is 3.其他's.
Usage: printed.py IN.html OUT.html"""
import re
import sys

page = open(sys.argv[1], encoding="utf-8").read()
FIGURE = re.compile(r'<td class="n">([^<]*)</td>')


def blank_legal(row):
    cells = FIGURE.findall(row)
    if len(cells) != 7:  # table B: 自然人, five 法人或其他组织 columns, 总计
        return row
    parts = row.split('<td class="n">')
    for i in range(2, 7):  # parts[1] is 自然人
        if parts[i].startswith("0</td>"):
            parts[i] = parts[i][1:]
    return '<td class="n">'.join(parts)


rows = re.split(r"(?=<tr>)", page)
out, group = [], None
for row in rows:
    if "（六）其他处理" in row:
        group = [row]
        continue
    if group is not None and len(group) < 3:
        group.append(row)
        if len(group) == 3 and any(v not in ("", "0") for r in group[:2] for v in FIGURE.findall(r)):
            out.extend(blank_legal(r) for r in group)
            group = None
            continue
        if len(group) == 3:
            sums = [sum(int(v or 0) for v in col) for col in zip(*(FIGURE.findall(r) for r in group))]
            figures = "".join(f'<td class="n">{v}</td>' for v in sums)
            out.append(blank_legal(f'<tr><td colspan="2">（六）其他处理</td>{figures}</tr>'))
        continue
    out.append(blank_legal(row))
page = "".join(out)
if group is not None:
    page = page.replace('<td class="c" rowspan="22">三、本年度办理结果', '<td class="c" rowspan="20">三、本年度办理结果')
open(sys.argv[2], "w", encoding="utf-8").write(page)
