export declare const DASHBOARD: string;
export declare function dashboardExpressions(): string[];
export declare function dashboardMetricNames(): string[];
