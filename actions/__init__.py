"""Custom actions: thin adapters from the Rasa tracker to the negotiation engine and back.

Everything the coach computes or says beyond the domain's responses lives in ``negotiation``;
these modules only read slots, call the engine and dispatch messages and events.
"""
