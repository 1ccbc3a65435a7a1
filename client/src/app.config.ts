export default defineAppConfig({
  pages: [
    'pages/stations/index',
    'pages/requests/index',
    'pages/booking/index',
    'pages/points/index',
    'pages/me/index',
  ],
  // Pages opened from the tabs load on demand: the main package holds only the tab pages.
  subPackages: [
    {
      root: 'packages',
      pages: [
        'station-detail/index',
        'station-map/index',
        'station-report/index',
        'request-new/index',
        'request-detail/index',
        'dashboard/index',
        'register/index',
        'invitations/index',
        'invite/index',
        'privacy/index',
        'map-import/index',
        'family/index',
        'rider/index',
        'applications/index',
        'booking-new/index',
        'booking-detail/index',
        'booking-desk/index',
      ],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    navigationBarBackgroundColor: '#c8372d',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f5f5f5',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8372d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/requests/index', iconPath: 'assets/tab/requests.png', selectedIconPath: 'assets/tab/requests-on.png', text: '接诉即办' },
      { pagePath: 'pages/booking/index', iconPath: 'assets/tab/booking.png', selectedIconPath: 'assets/tab/booking-on.png', text: '延时服务' },
      { pagePath: 'pages/points/index', iconPath: 'assets/tab/points.png', selectedIconPath: 'assets/tab/points-on.png', text: '积分' },
      { pagePath: 'pages/stations/index', iconPath: 'assets/tab/stations.png', selectedIconPath: 'assets/tab/stations-on.png', text: '驿站' },
      { pagePath: 'pages/me/index', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-on.png', text: '我的' },
    ],
  },
  permission: {
    'scope.userLocation': { desc: '用于查找离您最近的暖新驿站、确认您住在哪个社区网格' },
  },
  requiredPrivateInfos: ['getLocation'],
  __usePrivacyCheck__: true,
});
