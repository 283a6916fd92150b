"""Drafting: the document model, the clause library, assembly and the writers."""
