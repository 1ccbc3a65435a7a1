export default definePageConfig({ navigationBarTitleText: '网格公示牌二维码' });
