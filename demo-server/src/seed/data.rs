//! Static bilingual seed content. Every pair is `(中文, English)`.

pub type Bi = (&'static str, &'static str);

/// Archive categories (type 1) and single pages (type 3). Ids are fixed so tests and
/// docs can name them; the same ids exist on both sites.
pub struct CatSeed {
    pub id: i64,
    pub parent_id: i64,
    pub module_id: i64,
    pub kind: i64,
    pub slug: &'static str,
    pub title: Bi,
    pub description: Bi,
}

pub const CATEGORIES: &[CatSeed] = &[
    CatSeed {
        id: 1,
        parent_id: 0,
        module_id: 1,
        kind: 1,
        slug: "news-center",
        title: ("新闻资讯", "News"),
        description: (
            "安企优选的最新动态与行业观察。",
            "The latest from AnQi Select and the wider retail world.",
        ),
    },
    CatSeed {
        id: 2,
        parent_id: 1,
        module_id: 1,
        kind: 1,
        slug: "company-news",
        title: ("公司动态", "Company News"),
        description: (
            "门店、仓储、服务与团队的最新消息。",
            "News about our stores, warehouses, service and team.",
        ),
    },
    CatSeed {
        id: 3,
        parent_id: 1,
        module_id: 1,
        kind: 1,
        slug: "industry-news",
        title: ("行业新闻", "Industry News"),
        description: (
            "零售、物流与消费趋势观察。",
            "Retail, logistics and consumer trends.",
        ),
    },
    CatSeed {
        id: 4,
        parent_id: 0,
        module_id: 1,
        kind: 1,
        slug: "guides",
        title: ("购物指南", "Buying Guides"),
        description: (
            "挑选、使用与保养好物的实用指南。",
            "Practical guides to choosing, using and caring for good things.",
        ),
    },
    CatSeed {
        id: 5,
        parent_id: 0,
        module_id: 2,
        kind: 1,
        slug: "products",
        title: ("产品中心", "Products"),
        description: (
            "精选品质好物，正品保障。",
            "Carefully chosen products, guaranteed genuine.",
        ),
    },
    CatSeed {
        id: 6,
        parent_id: 5,
        module_id: 2,
        kind: 1,
        slug: "home-living",
        title: ("家居生活", "Home & Living"),
        description: (
            "让家更舒适的厨房与家纺好物。",
            "Kitchen and bedding essentials for a more comfortable home.",
        ),
    },
    CatSeed {
        id: 7,
        parent_id: 6,
        module_id: 2,
        kind: 1,
        slug: "kitchen",
        title: ("厨房用品", "Kitchen"),
        description: (
            "锅具、刀具、茶具与收纳，好用耐用。",
            "Cookware, knives, tea ware and storage that last.",
        ),
    },
    CatSeed {
        id: 8,
        parent_id: 6,
        module_id: 2,
        kind: 1,
        slug: "bedding",
        title: ("家纺床品", "Bedding & Bath"),
        description: ("亲肤面料，夜夜好眠。", "Soft fabrics for better nights."),
    },
    CatSeed {
        id: 9,
        parent_id: 5,
        module_id: 2,
        kind: 1,
        slug: "digital",
        title: ("数码配件", "Digital Accessories"),
        description: (
            "充电、音频与桌面配件。",
            "Charging, audio and desk accessories.",
        ),
    },
    CatSeed {
        id: 10,
        parent_id: 5,
        module_id: 2,
        kind: 1,
        slug: "apparel",
        title: ("服饰鞋包", "Apparel & Bags"),
        description: (
            "天然面料与经典设计的服饰鞋包。",
            "Clothing, shoes and bags in natural fabrics and classic cuts.",
        ),
    },
    CatSeed {
        id: 11,
        parent_id: 5,
        module_id: 2,
        kind: 1,
        slug: "outdoor",
        title: ("运动户外", "Sports & Outdoor"),
        description: (
            "露营、徒步、跑步与健身装备。",
            "Gear for camping, hiking, running and training.",
        ),
    },
    CatSeed {
        id: 12,
        parent_id: 0,
        module_id: 0,
        kind: 3,
        slug: "about",
        title: ("关于我们", "About Us"),
        description: ("安企优选的故事与承诺。", "Our story and our promise."),
    },
    CatSeed {
        id: 13,
        parent_id: 0,
        module_id: 0,
        kind: 3,
        slug: "contact",
        title: ("联系我们", "Contact Us"),
        description: ("客服热线、邮箱与地址。", "Phone, email and address."),
    },
    CatSeed {
        id: 14,
        parent_id: 0,
        module_id: 0,
        kind: 3,
        slug: "shipping",
        title: ("配送与售后", "Shipping & Returns"),
        description: (
            "配送时效、运费与退换货政策。",
            "Delivery times, shipping costs and our returns policy.",
        ),
    },
];

/// Gated or special archives.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Special {
    None,
    /// `read_level` N: content replaced by a notice below that user-group level.
    ReadLevel(i64),
    /// Password `anqi2026`.
    Password,
    /// Contains the hostile-HTML block.
    Xss,
}

pub struct ProductSeed {
    pub slug: &'static str,
    pub category: &'static str,
    pub title: Bi,
    pub price: i64,
    pub material: Bi,
    pub origin: Bi,
    pub special: Special,
}

const N: Special = Special::None;

macro_rules! p {
    ($slug:expr, $cat:expr, $zh:expr, $en:expr, $price:expr, $mzh:expr, $men:expr, $ozh:expr, $oen:expr) => {
        p!($slug, $cat, $zh, $en, $price, $mzh, $men, $ozh, $oen, N)
    };
    ($slug:expr, $cat:expr, $zh:expr, $en:expr, $price:expr, $mzh:expr, $men:expr, $ozh:expr, $oen:expr, $sp:expr) => {
        ProductSeed {
            slug: $slug,
            category: $cat,
            title: ($zh, $en),
            price: $price,
            material: ($mzh, $men),
            origin: ($ozh, $oen),
            special: $sp,
        }
    };
}

pub const PRODUCTS: &[ProductSeed] = &[
    p!(
        "ceramic-pour-over-coffee-set",
        "kitchen",
        "手冲咖啡陶瓷套装",
        "Ceramic Pour-Over Coffee Set",
        16900,
        "陶瓷",
        "ceramic",
        "江西景德镇",
        "Jingdezhen, Jiangxi"
    ),
    p!(
        "cast-iron-dutch-oven",
        "kitchen",
        "铸铁珐琅炖锅 24cm",
        "Enamelled Cast-Iron Dutch Oven 24 cm",
        59900,
        "铸铁珐琅",
        "enamelled cast iron",
        "山东临沂",
        "Linyi, Shandong"
    ),
    p!(
        "bamboo-cutting-board-set",
        "kitchen",
        "整竹砧板三件套",
        "Bamboo Cutting Board Set (3 pcs)",
        8900,
        "楠竹",
        "moso bamboo",
        "浙江安吉",
        "Anji, Zhejiang"
    ),
    p!(
        "german-steel-knife-set",
        "kitchen",
        "德式不锈钢刀具五件套",
        "German-Steel Knife Set (5 pcs)",
        39900,
        "X50CrMoV15 不锈钢",
        "X50CrMoV15 stainless steel",
        "广东阳江",
        "Yangjiang, Guangdong"
    ),
    p!(
        "glass-food-containers",
        "kitchen",
        "耐热玻璃保鲜盒 6 件装",
        "Heat-Resistant Glass Food Containers (6 pcs)",
        12900,
        "高硼硅玻璃",
        "borosilicate glass",
        "河北沧州",
        "Cangzhou, Hebei"
    ),
    p!(
        "silicone-spatula-set",
        "kitchen",
        "硅胶锅铲四件套",
        "Silicone Spatula Set (4 pcs)",
        4900,
        "食品级硅胶",
        "food-grade silicone",
        "广东东莞",
        "Dongguan, Guangdong"
    ),
    p!(
        "temperature-control-kettle",
        "kitchen",
        "温控电热水壶 1.7L",
        "Temperature-Control Kettle 1.7 L",
        19900,
        "304 不锈钢",
        "304 stainless steel",
        "浙江宁波",
        "Ningbo, Zhejiang"
    ),
    p!(
        "yixing-clay-teapot",
        "kitchen",
        "宜兴紫砂西施壶",
        "Yixing Clay Xishi Teapot",
        69900,
        "原矿紫泥",
        "raw purple clay",
        "江苏宜兴",
        "Yixing, Jiangsu"
    ),
    p!(
        "members-tea-gift-box",
        "kitchen",
        "会员专享：明前龙井礼盒",
        "Members Only: Pre-Qingming Longjing Gift Box",
        29900,
        "明前龙井",
        "pre-Qingming Longjing tea",
        "浙江杭州",
        "Hangzhou, Zhejiang",
        Special::ReadLevel(1)
    ),
    p!(
        "mulberry-silk-pillowcase",
        "bedding",
        "桑蚕丝枕套",
        "Mulberry Silk Pillowcase",
        15900,
        "22 姆米桑蚕丝",
        "22-momme mulberry silk",
        "浙江湖州",
        "Huzhou, Zhejiang"
    ),
    p!(
        "cotton-duvet-cover-set",
        "bedding",
        "长绒棉被套四件套",
        "Long-Staple Cotton Duvet Set (4 pcs)",
        49900,
        "新疆长绒棉",
        "Xinjiang long-staple cotton",
        "江苏南通",
        "Nantong, Jiangsu"
    ),
    p!(
        "memory-foam-pillow",
        "bedding",
        "记忆棉护颈枕",
        "Memory Foam Neck Pillow",
        19900,
        "慢回弹记忆棉",
        "slow-rebound memory foam",
        "广东佛山",
        "Foshan, Guangdong"
    ),
    p!(
        "linen-throw-blanket",
        "bedding",
        "亚麻盖毯",
        "Linen Throw Blanket",
        25900,
        "法国亚麻",
        "French linen",
        "黑龙江哈尔滨",
        "Harbin, Heilongjiang"
    ),
    p!(
        "goose-down-comforter",
        "bedding",
        "白鹅绒冬被",
        "White Goose-Down Comforter",
        129900,
        "95% 白鹅绒",
        "95% white goose down",
        "安徽六安",
        "Lu'an, Anhui"
    ),
    p!(
        "weighted-sleep-blanket",
        "bedding",
        "重力助眠毯",
        "Weighted Sleep Blanket",
        39900,
        "玻璃微珠 + 纯棉",
        "glass beads and cotton",
        "江苏南通",
        "Nantong, Jiangsu"
    ),
    p!(
        "bamboo-bath-towel-set",
        "bedding",
        "竹纤维浴巾套装",
        "Bamboo-Fibre Bath Towel Set",
        12900,
        "竹纤维",
        "bamboo fibre",
        "山东高阳",
        "Gaoyang, Shandong"
    ),
    p!(
        "gan-65w-charger",
        "digital",
        "65W 氮化镓快充充电器",
        "65 W GaN Fast Charger",
        14900,
        "氮化镓 + 阻燃 PC",
        "GaN and flame-retardant PC",
        "广东深圳",
        "Shenzhen, Guangdong"
    ),
    p!(
        "magnetic-power-bank",
        "digital",
        "磁吸无线充电宝 10000mAh",
        "Magnetic Wireless Power Bank 10,000 mAh",
        19900,
        "铝合金",
        "aluminium alloy",
        "广东深圳",
        "Shenzhen, Guangdong"
    ),
    p!(
        "usb-c-hub-7-in-1",
        "digital",
        "七合一 USB-C 扩展坞",
        "7-in-1 USB-C Hub",
        22900,
        "铝合金",
        "aluminium alloy",
        "广东东莞",
        "Dongguan, Guangdong"
    ),
    p!(
        "noise-cancelling-earbuds",
        "digital",
        "主动降噪蓝牙耳机",
        "Active Noise-Cancelling Earbuds",
        59900,
        "亲肤硅胶 + ABS",
        "silicone and ABS",
        "广东深圳",
        "Shenzhen, Guangdong"
    ),
    p!(
        "mechanical-keyboard-87",
        "digital",
        "87 键机械键盘",
        "87-Key Mechanical Keyboard",
        39900,
        "PBT 键帽 + 铝合金",
        "PBT keycaps and aluminium",
        "广东东莞",
        "Dongguan, Guangdong"
    ),
    p!(
        "braided-usb-c-cable",
        "digital",
        "编织快充数据线 2 米",
        "Braided USB-C Cable (2 m)",
        2900,
        "尼龙编织",
        "braided nylon",
        "江苏昆山",
        "Kunshan, Jiangsu"
    ),
    p!(
        "aluminium-phone-stand",
        "digital",
        "铝合金手机支架",
        "Aluminium Phone Stand",
        4900,
        "航空铝",
        "aerospace aluminium",
        "浙江温州",
        "Wenzhou, Zhejiang"
    ),
    p!(
        "smart-watch-strap",
        "digital",
        "智能手表硅胶表带",
        "Smart Watch Silicone Strap",
        990,
        "氟橡胶",
        "fluoroelastomer",
        "广东深圳",
        "Shenzhen, Guangdong"
    ),
    p!(
        "laptop-sleeve-14",
        "digital",
        "14 英寸笔记本内胆包",
        "14-inch Laptop Sleeve",
        9900,
        "防泼水帆布",
        "water-repellent canvas",
        "福建泉州",
        "Quanzhou, Fujian"
    ),
    p!(
        "xss-test-product",
        "digital",
        "XSS 测试商品",
        "XSS Test Product",
        1990,
        "测试数据",
        "test data",
        "测试",
        "test",
        Special::Xss
    ),
    p!(
        "merino-wool-sweater",
        "apparel",
        "美利奴羊毛衫",
        "Merino Wool Sweater",
        45900,
        "美利奴羊毛",
        "merino wool",
        "内蒙古鄂尔多斯",
        "Ordos, Inner Mongolia"
    ),
    p!(
        "organic-cotton-tshirt",
        "apparel",
        "有机棉基础 T 恤",
        "Organic Cotton Crew T-Shirt",
        9900,
        "有机棉",
        "organic cotton",
        "新疆阿克苏",
        "Aksu, Xinjiang"
    ),
    p!(
        "canvas-tote-bag",
        "apparel",
        "帆布托特包",
        "Canvas Tote Bag",
        6900,
        "16 安帆布",
        "16 oz canvas",
        "浙江义乌",
        "Yiwu, Zhejiang"
    ),
    p!(
        "leather-crossbody-bag",
        "apparel",
        "头层牛皮斜挎包",
        "Full-Grain Leather Crossbody Bag",
        79900,
        "头层牛皮",
        "full-grain leather",
        "广东广州",
        "Guangzhou, Guangdong"
    ),
    p!(
        "relaxed-linen-shirt",
        "apparel",
        "亚麻休闲衬衫",
        "Relaxed Linen Shirt",
        29900,
        "纯亚麻",
        "pure linen",
        "浙江绍兴",
        "Shaoxing, Zhejiang"
    ),
    p!(
        "lightweight-down-jacket",
        "apparel",
        "轻薄羽绒服",
        "Lightweight Down Jacket",
        89900,
        "90% 白鸭绒",
        "90% white duck down",
        "江苏常熟",
        "Changshu, Jiangsu"
    ),
    p!(
        "cashmere-scarf",
        "apparel",
        "山羊绒围巾",
        "Cashmere Scarf",
        39900,
        "山羊绒",
        "cashmere",
        "内蒙古鄂尔多斯",
        "Ordos, Inner Mongolia"
    ),
    p!(
        "classic-canvas-sneakers",
        "apparel",
        "经典帆布鞋",
        "Classic Canvas Sneakers",
        19900,
        "帆布 + 橡胶大底",
        "canvas with rubber soles",
        "福建晋江",
        "Jinjiang, Fujian"
    ),
    p!(
        "silk-qipao-dress",
        "apparel",
        "真丝改良旗袍",
        "Modern Silk Qipao Dress",
        129900,
        "真丝香云纱",
        "gambiered silk",
        "广东顺德",
        "Shunde, Guangdong"
    ),
    p!(
        "vip-collector-teapot",
        "kitchen",
        "VIP 专享：大师手作紫砂壶",
        "VIP Exclusive: Master-Crafted Clay Teapot",
        129900,
        "原矿朱泥",
        "raw zhuni clay",
        "江苏宜兴",
        "Yixing, Jiangsu",
        Special::ReadLevel(3)
    ),
    p!(
        "trail-running-shoes",
        "outdoor",
        "越野跑鞋",
        "Trail Running Shoes",
        59900,
        "网面 + 防滑橡胶",
        "mesh with grippy rubber",
        "福建晋江",
        "Jinjiang, Fujian"
    ),
    p!(
        "ultralight-tent-2p",
        "outdoor",
        "超轻双人帐篷",
        "Ultralight 2-Person Tent",
        99900,
        "20D 硅涂尼龙",
        "20D silnylon",
        "浙江宁波",
        "Ningbo, Zhejiang"
    ),
    p!(
        "non-slip-yoga-mat",
        "outdoor",
        "TPE 防滑瑜伽垫",
        "Non-Slip TPE Yoga Mat",
        12900,
        "TPE",
        "TPE",
        "浙江台州",
        "Taizhou, Zhejiang"
    ),
    p!(
        "insulated-sports-bottle",
        "outdoor",
        "真空保温运动水杯",
        "Insulated Sports Bottle",
        8900,
        "316 不锈钢",
        "316 stainless steel",
        "浙江永康",
        "Yongkang, Zhejiang"
    ),
    p!(
        "hiking-backpack-30l",
        "outdoor",
        "30L 徒步双肩包",
        "30 L Hiking Backpack",
        39900,
        "210D 格子尼龙",
        "210D ripstop nylon",
        "福建泉州",
        "Quanzhou, Fujian"
    ),
    p!(
        "folding-camp-chair",
        "outdoor",
        "便携折叠露营椅",
        "Folding Camp Chair",
        15900,
        "铝合金 + 牛津布",
        "aluminium and Oxford cloth",
        "浙江永康",
        "Yongkang, Zhejiang"
    ),
    p!(
        "windproof-softshell-jacket",
        "outdoor",
        "防风软壳外套",
        "Windproof Softshell Jacket",
        49900,
        "三层复合软壳",
        "three-layer softshell",
        "江苏常熟",
        "Changshu, Jiangsu"
    ),
    p!(
        "private-preview-storm-jacket",
        "outdoor",
        "内部预览：三合一冲锋衣",
        "Private Preview: 3-in-1 Storm Jacket",
        69900,
        "GORE-TEX 面料",
        "GORE-TEX fabric",
        "江苏常熟",
        "Changshu, Jiangsu",
        Special::Password
    ),
    p!(
        "fingerless-cycling-gloves",
        "outdoor",
        "半指骑行手套",
        "Fingerless Cycling Gloves",
        5900,
        "莱卡 + 硅胶掌垫",
        "Lycra with silicone palms",
        "河北清河",
        "Qinghe, Hebei"
    ),
];

pub struct ArticleSeed {
    pub slug: &'static str,
    pub category: &'static str,
    pub title: Bi,
    pub special: Special,
}

macro_rules! a {
    ($slug:expr, $cat:expr, $zh:expr, $en:expr) => {
        ArticleSeed {
            slug: $slug,
            category: $cat,
            title: ($zh, $en),
            special: N,
        }
    };
    ($slug:expr, $cat:expr, $zh:expr, $en:expr, $sp:expr) => {
        ArticleSeed {
            slug: $slug,
            category: $cat,
            title: ($zh, $en),
            special: $sp,
        }
    };
}

pub const ARTICLES: &[ArticleSeed] = &[
    a!(
        "third-anniversary",
        "company-news",
        "安企优选三周年庆典圆满举行",
        "AnQi Select Celebrates Its Third Anniversary"
    ),
    a!(
        "hangzhou-smart-warehouse",
        "company-news",
        "杭州智能仓正式启用，发货时效提升 30%",
        "New Hangzhou Smart Warehouse Cuts Shipping Times by 30%"
    ),
    a!(
        "jingdezhen-artisan-partnership",
        "company-news",
        "与景德镇手工艺人达成长期合作",
        "A Long-Term Partnership with Jingdezhen Artisans"
    ),
    a!(
        "compostable-packaging",
        "company-news",
        "全面启用可降解环保包装",
        "We Are Switching to Fully Compostable Packaging"
    ),
    a!(
        "customer-service-24-7",
        "company-news",
        "客服中心升级：7×24 小时在线",
        "Customer Service Is Now Online 24/7"
    ),
    a!(
        "membership-programme",
        "company-news",
        "会员成长体系全新上线",
        "Introducing Our New Membership Programme"
    ),
    a!(
        "spring-collection-recap",
        "company-news",
        "2026 春季新品发布会回顾",
        "Recap: The Spring 2026 Collection Launch"
    ),
    a!(
        "rural-school-book-donation",
        "company-news",
        "员工公益行：为山区学校捐赠图书",
        "Staff Volunteers Donate Books to Rural Schools"
    ),
    a!(
        "website-redesign",
        "company-news",
        "全新网站与小程序界面上线",
        "Our Redesigned Website and Mini-Program Are Live"
    ),
    a!(
        "quality-lab-accreditation",
        "company-news",
        "自建质检实验室通过 CNAS 认证",
        "Our In-House Quality Lab Earns CNAS Accreditation"
    ),
    a!(
        "singles-day-recap",
        "company-news",
        "双十一活动战报：感谢每一位顾客",
        "Singles' Day Recap: Thank You to Every Customer"
    ),
    a!(
        "free-returns-30-days",
        "company-news",
        "30 天无忧退换政策正式实施",
        "30-Day Free Returns Are Now in Effect"
    ),
    a!(
        "designer-collaboration",
        "company-news",
        "联名设计师系列即将发售",
        "Our Designer Collaboration Series Is Coming Soon"
    ),
    a!(
        "supplier-conference-shanghai",
        "company-news",
        "年度供应商大会在上海召开",
        "Annual Supplier Conference Held in Shanghai"
    ),
    a!(
        "supplier-pricing-notice",
        "company-news",
        "内部通知：下季度供应商报价（需密码）",
        "Internal Notice: Next Quarter's Supplier Pricing (Password Required)",
        Special::Password
    ),
    a!(
        "xss-test-article",
        "company-news",
        "XSS 测试文章",
        "XSS Test Article",
        Special::Xss
    ),
    a!(
        "cross-border-trends-2026",
        "industry-news",
        "2026 跨境电商十大趋势",
        "Ten Cross-Border E-Commerce Trends for 2026"
    ),
    a!(
        "live-stream-retail",
        "industry-news",
        "直播电商进入精细化运营阶段",
        "Live-Stream Retail Enters Its Fine-Tuning Era"
    ),
    a!(
        "sustainable-textiles",
        "industry-news",
        "可持续纺织品市场规模持续增长",
        "The Sustainable Textiles Market Keeps Growing"
    ),
    a!(
        "smart-home-adoption",
        "industry-news",
        "智能家居渗透率突破四成",
        "Smart-Home Adoption Passes 40 Percent"
    ),
    a!(
        "gan-charger-standard",
        "industry-news",
        "氮化镓充电器新国标解读",
        "What the New GaN Charger Standard Means"
    ),
    a!(
        "camping-economy",
        "industry-news",
        "露营经济持续升温",
        "The Camping Economy Keeps Heating Up"
    ),
    a!(
        "same-day-delivery",
        "industry-news",
        "同城即时配送覆盖更多城市",
        "Same-Day Delivery Reaches More Cities"
    ),
    a!(
        "modern-tea-ware",
        "industry-news",
        "年轻人爱上新中式茶器",
        "Young Shoppers Embrace Modern Tea Ware"
    ),
    a!(
        "packaging-regulation",
        "industry-news",
        "限制商品过度包装新规施行",
        "New Rules Against Excessive Packaging Take Effect"
    ),
    a!(
        "rural-ecommerce",
        "industry-news",
        "农村电商助力特色农产品出山",
        "Rural E-Commerce Brings Local Produce to Market"
    ),
    a!(
        "ai-customer-service",
        "industry-news",
        "AI 客服在零售业的应用与边界",
        "AI Customer Service in Retail: Uses and Limits"
    ),
    a!(
        "second-hand-market",
        "industry-news",
        "二手闲置交易规模创新高",
        "Second-Hand Trading Hits a Record High"
    ),
    a!(
        "digital-yuan-payments",
        "industry-news",
        "数字人民币支付场景不断丰富",
        "Digital Yuan Payments Find New Uses"
    ),
    a!(
        "home-fitness-recovery",
        "industry-news",
        "居家健身器材销量回暖",
        "Home Fitness Equipment Sales Recover"
    ),
    a!(
        "vip-consumer-trends-report",
        "industry-news",
        "VIP 专享：年度消费趋势报告",
        "VIP Exclusive: Annual Consumer Trends Report",
        Special::ReadLevel(3)
    ),
    a!(
        "how-to-choose-a-pillow",
        "guides",
        "如何挑选适合自己的枕头",
        "How to Choose the Right Pillow"
    ),
    a!(
        "pour-over-coffee-basics",
        "guides",
        "手冲咖啡入门指南",
        "A Beginner's Guide to Pour-Over Coffee"
    ),
    a!(
        "caring-for-cast-iron",
        "guides",
        "铸铁锅的开锅与保养",
        "Seasoning and Caring for Cast Iron"
    ),
    a!(
        "choosing-a-fast-charger",
        "guides",
        "快充充电器选购要点",
        "What to Look for in a Fast Charger"
    ),
    a!(
        "wool-sweater-care",
        "guides",
        "羊毛衫洗护全攻略",
        "The Complete Guide to Wool Sweater Care"
    ),
    a!(
        "first-camping-trip",
        "guides",
        "第一次露营需要准备什么",
        "Packing for Your First Camping Trip"
    ),
    a!(
        "apparel-size-guide",
        "guides",
        "服装尺码对照表",
        "Apparel Size Guide"
    ),
    a!(
        "silk-care-tips",
        "guides",
        "真丝制品的清洗与收纳",
        "Washing and Storing Silk"
    ),
    a!(
        "clay-teapot-brewing",
        "guides",
        "紫砂壶泡茶的五个细节",
        "Five Details for Brewing Tea in a Clay Pot"
    ),
    a!(
        "home-office-desk",
        "guides",
        "打造高效的居家办公桌面",
        "Building an Efficient Home-Office Desk"
    ),
    a!(
        "holiday-gift-guide",
        "guides",
        "节日送礼清单",
        "Holiday Gift Guide"
    ),
    a!(
        "running-shoe-fit",
        "guides",
        "跑鞋合脚的判断方法",
        "How to Tell If Running Shoes Fit"
    ),
    a!(
        "members-buying-handbook",
        "guides",
        "会员专享：年度好物选购手册",
        "Members Only: The Annual Buying Handbook",
        Special::ReadLevel(1)
    ),
];

/// Tags: `(slug, title, first_letter of the Chinese title's pinyin)`.
pub const TAGS: &[(&str, Bi, &str)] = &[
    ("new-arrivals", ("新品上架", "New Arrivals"), "X"),
    ("best-sellers", ("热销爆款", "Best Sellers"), "R"),
    ("eco-friendly", ("环保材质", "Eco-Friendly"), "H"),
    ("gift-ideas", ("送礼推荐", "Gift Ideas"), "S"),
    ("limited-offer", ("限时特惠", "Limited Offer"), "X"),
    ("home-decor", ("居家好物", "Home Essentials"), "J"),
    ("smart-gadgets", ("智能数码", "Smart Gadgets"), "Z"),
    ("travel", ("出行必备", "Travel Essentials"), "C"),
    ("fitness", ("运动健身", "Fitness"), "Y"),
    ("handmade", ("手工匠作", "Handmade"), "S"),
    ("brand-story", ("品牌故事", "Brand Story"), "P"),
    ("trends", ("行业趋势", "Industry Trends"), "H"),
    ("how-to", ("实用指南", "How-To"), "S"),
];

/// Product module select options, in the site's language.
pub const COLORS: (&[&str], &[&str]) = (
    &["红色", "蓝色", "黑色", "白色"],
    &["Red", "Blue", "Black", "White"],
);
pub const SIZES: &[&str] = &["S", "M", "L", "XL"];

/// Highlights per product category.
pub fn highlights(category: &str) -> ([&'static str; 3], [&'static str; 3]) {
    match category {
        "kitchen" => (
            [
                "受热均匀，日常烹饪更省心",
                "无涂层设计，清洗方便",
                "经 SGS 食品接触安全检测",
            ],
            [
                "Even heating for stress-free everyday cooking",
                "Coating-free design that is easy to clean",
                "SGS-tested for food-contact safety",
            ],
        ),
        "bedding" => (
            [
                "亲肤透气，四季适用",
                "A 类婴幼儿标准面料",
                "可机洗，不易起球",
            ],
            [
                "Soft and breathable in every season",
                "Class A fabric, safe for babies",
                "Machine washable and pill-resistant",
            ],
        ),
        "digital" => (
            [
                "兼容主流手机与笔记本",
                "多重安全保护，发热更低",
                "一年质保，只换不修",
            ],
            [
                "Works with popular phones and laptops",
                "Multiple safety protections keep it cool",
                "One-year warranty with free replacement",
            ],
        ),
        "apparel" => (
            [
                "天然面料，穿着舒适",
                "经典版型，百搭不过时",
                "细节车线，经久耐穿",
            ],
            [
                "Natural fabric that feels good all day",
                "A classic cut that goes with everything",
                "Careful stitching that lasts",
            ],
        ),
        _ => (
            [
                "轻量化设计，便于携带",
                "耐磨耐用，户外无忧",
                "专业团队实测推荐",
            ],
            [
                "Lightweight and easy to carry",
                "Tough enough for real adventures",
                "Field-tested by our own team",
            ],
        ),
    }
}

/// Article paragraphs per category: (lead, section 1, body 1, section 2, body 2, quote).
pub fn article_text(category: &str, zh: bool) -> [&'static str; 6] {
    match (category, zh) {
        ("company-news", true) => ["这是安企优选团队带来的最新消息。我们希望把每一次改变都及时、透明地告诉大家。", "发生了什么", "过去几个月，我们的团队与合作伙伴一起完成了大量准备工作，从流程梳理到系统升级，每一个细节都经过反复验证。", "对顾客意味着什么", "更快的发货、更稳定的品质和更贴心的服务。如果你有任何建议，欢迎通过客服中心告诉我们。", "好的商品值得被更好地送到你手中。"],
        ("company-news", false) => ["Here is the latest from the AnQi Select team. We like to tell you about every change promptly and openly.", "What happened", "Over the past few months our team and partners did a great deal of groundwork, from reworking processes to upgrading systems, and every detail was checked more than once.", "What it means for you", "Faster shipping, steadier quality and friendlier service. If you have ideas, tell us through the help centre.", "Good things deserve to reach you in a better way."],
        ("industry-news", true) => ["零售行业正在经历深刻变化，我们整理了近期值得关注的动向。", "趋势观察", "多家机构的报告显示，消费者越来越看重品质、服务与可持续性，价格不再是唯一的决定因素。", "我们的看法", "对于品牌和商家而言，精细化运营与真诚的产品力，将是穿越周期的关键。", "变化之中，不变的是对好产品的追求。"],
        ("industry-news", false) => ["Retail is changing fast. Here are the recent developments worth watching.", "The trend", "Reports from several research firms show shoppers caring more about quality, service and sustainability; price is no longer the only deciding factor.", "Our view", "For brands and merchants, careful operations and honest products are what carry a business through the cycle.", "Amid all the change, the search for good products stays the same."],
        (_, true) => ["买得好，更要用得好。这篇指南帮你少走弯路。", "挑选要点", "先明确使用场景与预算，再关注材质、做工和售后。不要只看参数，亲手试用的感受同样重要。", "使用与保养", "正确的使用与定期保养能显著延长使用寿命。遇到问题时，先查看说明书，再联系我们的客服。", "适合自己的，才是最好的。"],
        (_, false) => ["Buying well is only half of it; using things well matters too. This guide saves you some trial and error.", "What to look for", "Start with how and where you will use it and what you want to spend, then look at materials, workmanship and after-sales service. Specifications are not everything: how it feels in use matters just as much.", "Use and care", "Using it properly and caring for it regularly make it last much longer. If something goes wrong, check the manual first, then talk to our service team.", "The best choice is the one that suits you."],
    }
}

/// The hostile-HTML block: every classic XSS vector in lower, upper and mixed case.
/// A safe storefront must render all of it inert (`window.__xss` stays undefined).
pub const HOSTILE_HTML: &str = r#"<h2>Sanitiser test</h2>
<p>This block deliberately contains hostile markup. A safe storefront renders it inert.</p>
<script>window.__xss=1</script>
<img src=x onerror="window.__xss=1">
<a href="javascript:window.__xss=1">click</a>
<svg onload="window.__xss=1"></svg>
<iframe src="javascript:window.__xss=1"></iframe>
<div style="background:url(javascript:window.__xss=1)">styled block</div>
<SCRIPT>window.__xss=1</SCRIPT>
<IMG SRC=x ONERROR="window.__xss=1">
<ScRiPt>window.__xss=1</sCrIpT>
<a HREF="JaVaScRiPt:window.__xss=1">CLICK</a>
<sVg OnLoAd="window.__xss=1"></sVg>
<IFRAME SRC="JAVASCRIPT:window.__xss=1"></IFRAME>
<DIV STYLE="background:URL(JavaScript:window.__xss=1)">STYLED</DIV>
<p onclick="window.__xss=1" onmouseover="window.__xss=1">hover or click me</p>
<form action="javascript:window.__xss=1"><button>submit</button></form>
<object data="javascript:window.__xss=1"></object>
<embed src="javascript:window.__xss=1">"#;
