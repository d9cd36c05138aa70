"""Pure functions that turn the text a page printed into the values the item contract stores."""
