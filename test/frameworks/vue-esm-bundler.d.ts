// Vue's full build (runtime + template compiler) has no declarations of its own.
declare module 'vue/dist/vue.esm-bundler.js' {
  export * from 'vue';
}
