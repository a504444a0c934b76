"""Social media cards (PNG): every card, language and size, with alt texts."""
