export default definePageConfig({ navigationBarTitleText: '转赠给家人' });
