"""Provides pressbot's Telegram front end: python-telegram-bot v22 handlers over the engine.

The engine never imports ``telegram``; this package parses updates, asks the engine, renders
answers as Telegram HTML and replies. Start it with :func:`bot.tg.runner.run`.
"""
