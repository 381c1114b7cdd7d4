import { render } from 'solid-js/web';
render(() => <p>民生</p>, document.getElementById('root')!);
