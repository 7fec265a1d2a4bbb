/**
 * Stand-in for `@slidev/client` in component tests (the real module needs a
 * running Slidev app). Tests flip `printMode` to check print rendering.
 */
import { ref } from 'vue'

export const printMode = ref(false)
export function useNav() {
  return { isPrintMode: printMode }
}
