export declare const PSEUDO_LOCALE = 'en-XA';
export declare function pseudoMessage(message: string): string;
export declare function pseudoCatalog<T>(catalog: T): T;
export declare function writePseudoCatalog(messagesDir: string): void;
