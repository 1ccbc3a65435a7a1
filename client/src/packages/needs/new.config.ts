export default definePageConfig({ navigationBarTitleText: '我要帮助' });
