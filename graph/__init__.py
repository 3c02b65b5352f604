"""The graph: linking quotes into statements, and the store that holds them."""
