/**
 * The linear projections LoRA can adapt, apart from the memory model so the calculator's state and fields can name
 * them without loading the whole fine-tune core (which the island loads after start-up).
 */

/** The seven linear projections of a decoder layer, named as in Llama (`q_proj` … `down_proj`). */
export type LoraTarget = 'q' | 'k' | 'v' | 'o' | 'gate' | 'up' | 'down';
export const LORA_TARGETS: readonly LoraTarget[] = ['q', 'k', 'v', 'o', 'gate', 'up', 'down'];
