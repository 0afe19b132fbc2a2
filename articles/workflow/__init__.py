"""How a piece moves from draft to public, and who may move it.

- `roles`: what editors and contributors may see and do.
- `publishing`: publish, schedule, unpublish, submit for review, and the checks that block them.
- `previews`: signed, expiring sign-off links for reviewers without an account.
- `editing`: edit conflicts, presence ("X is editing") and the baseline revision.
- `slugs`: slugs made from headlines; a draft's slug follows its headline until fixed.
- `versions`: a piece's version only rises, across restores, deletion and recovery.
- `recovery`: a deleted piece recovered from its history comes back off the site.
"""
