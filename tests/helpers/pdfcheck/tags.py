"""pikepdf: marked content against the structure tree, empty headings."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from .memo import once_per_run


@once_per_run
def marked_content(path: Path) -> tuple[list[set[int]], list[set[int]]]:
    """(per page, the marked-content ids its content stream uses; per page,
    the ids the structure tree reaches from its root)."""
    with pikepdf.open(path) as pdf:
        used = []
        for page in pdf.pages:
            ids = set()
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "BDC" and len(operands) == 2 \
                        and isinstance(operands[1], pikepdf.Dictionary) \
                        and "/MCID" in operands[1]:
                    ids.add(int(operands[1].MCID))
            used.append(ids)
        numbers = {page.objgen: index for index, page in enumerate(pdf.pages)}
        reached: list[set[int]] = [set() for _ in pdf.pages]
        stack = [(pdf.Root.StructTreeRoot.get("/K"), None)]
        seen = set()
        while stack:
            node, page = stack.pop()
            if node is None:
                continue
            if isinstance(node, pikepdf.Array):
                stack.extend((kid, page) for kid in node)
            elif isinstance(node, pikepdf.Dictionary):
                if node.objgen != (0, 0):
                    if node.objgen in seen:
                        continue
                    seen.add(node.objgen)
                if "/Pg" in node:
                    page = numbers.get(node.Pg.objgen, page)
                if node.get("/Type") == "/MCR":
                    if page is not None:
                        reached[page].add(int(node.MCID))
                elif node.get("/Type") != "/OBJR" and "/K" in node:
                    stack.append((node.K, page))
            elif page is not None and isinstance(node, int):
                reached[page].add(int(node))
        return used, reached


def _mcids(node, depth: int = 0) -> int:
    """How many marked-content pieces a structure element holds, at any depth."""
    if depth > 100:
        return 0
    if isinstance(node, pikepdf.Array):
        return sum(_mcids(kid, depth + 1) for kid in node)
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/Type") == "/MCR":
            return 1
        return _mcids(node.get("/K"), depth + 1) if "/K" in node else 0
    return 1 if isinstance(node, int) else 0


@once_per_run
def empty_headings(path: Path) -> list[str]:
    """The heading elements (/H1 to /H6) of the structure tree with no content."""
    found = []
    with pikepdf.open(path) as pdf:
        stack, seen = [pdf.Root.StructTreeRoot.K], set()
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
                if str(node.S) in {f"/H{n}" for n in range(1, 7)} and not _mcids(node.K):
                    found.append(str(node.S))
                if "/K" in node:
                    stack.append(node.K)
    return found
