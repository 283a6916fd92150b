"""Comparisons: readers into the shared model, alignment, diff and redlines (see DESIGN §4).

Built by the comparison issue on top of drafting's document model; comparisons imports drafting,
never the other way round.
"""
