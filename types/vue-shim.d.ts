// Lets TypeScript read .vue files outside Slidev's own type setup.
declare module '*.vue' {
  import type { DefineComponent } from 'vue'

  const component: DefineComponent<object, object, any>
  export default component
}
