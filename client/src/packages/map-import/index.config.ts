export default definePageConfig({ navigationBarTitleText: '街道地图导入' });
