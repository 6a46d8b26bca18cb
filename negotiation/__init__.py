"""The negotiation engine of the 미납 협상 코치: plain Python, no Rasa import.

Instalment planning (:mod:`planner`), Korean money and month parsing (:mod:`money` over
:mod:`numerals` and :mod:`amount_context`, and :mod:`months`), reading the person's figures from
free text (:mod:`text`, then the :mod:`understanding` package), the risk timeline (:mod:`risk`),
alternatives (:mod:`alternatives`) and the polite lines and checklist (:mod:`scripts`).
"""
