package dev.shopfront.schema;

/**
 * A body that carries a list of items, each checked on its own later, so that one bad item fails only itself
 * (API.md, bulk import). While such a body is read, a number may be longer than a value's bound: the item that
 * holds it fails when it is checked, not the whole request.
 */
public interface ItemList {}
