"""Output families: one package each (plan.py declares it, render.py acts), entered in
campaignkit.registry."""
