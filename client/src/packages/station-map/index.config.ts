export default definePageConfig({ navigationBarTitleText: '驿站地图' });
