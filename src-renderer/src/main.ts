// Renderer entry: Pinia + the root component. Monaco is loaded by the editor pane (monaco/job-editor.ts).
import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import './theme.css'

createApp(App).use(createPinia()).mount('#app')
