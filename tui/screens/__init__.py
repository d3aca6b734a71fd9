"""Modal screens the features push: a confirmation, the create/remix form, the download dialog.

Screens collect what the user wants and post it as a message; the app does the I/O in a
worker and tells the screen how it went through its methods (messages up, attributes down).
"""
