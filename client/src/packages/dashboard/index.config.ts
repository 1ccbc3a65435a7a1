export default definePageConfig({ navigationBarTitleText: '接诉即办指标', enablePullDownRefresh: true });
