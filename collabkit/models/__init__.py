"""Scenario models: a frozen, self-validating parameter dataclass in, a tidy DataFrame out.

Models know nothing of widgets or plotly. Each module's docstring states the model's
equations and the published idea it rests on.
"""
