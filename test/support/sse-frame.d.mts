/** `value` as one `data:` frame. */
export declare function frame(value: unknown): string;
