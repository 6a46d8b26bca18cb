"""The project's own Korean spaCy pipeline: a blank ``ko`` pipeline whose tokenizer is Kiwi.

No pretrained Korean spaCy model can be downloaded here, and spaCy's own Korean tokenizer needs
MeCab; Kiwi (kiwipiepy, with its model from PyPI) works offline. ``build.py`` writes the pipeline
to ``models/spacy_ko_kiwi``; Rasa's SpacyNLP loads it from there.
"""
