"""The negotiation engine of the 미납 협상 코치: plain Python, no Rasa import.

Instalment planning (:mod:`planner`), Korean money and month parsing (:mod:`money`), reading the
person's figures from free text (:mod:`understanding`), the risk timeline (:mod:`risk`),
alternatives (:mod:`alternatives`) and the polite lines and checklist (:mod:`scripts`).
"""
