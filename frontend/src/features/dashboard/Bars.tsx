/** Small dependency-free charts (plain SVG and flex boxes): every bar is a link to the list behind it. */
import { Link } from 'react-router';
import { Empty, Flex, Tooltip, Typography } from 'antd';

export interface Bar {
  key: string;
  label: string;
  value: number;
  display: string;
  to: string;
  color?: string;
}

/** Horizontal bars, one per row, each a link (pounds by protein, top customers, aging buckets). */
export function HorizontalBars({ bars, testId }: { bars: Bar[]; testId?: string }) {
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  if (!bars.length || max <= 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No figures yet." />;
  return (
    <Flex vertical gap={6} data-testid={testId}>
      {bars.map((bar) => (
        <Link key={bar.key} to={bar.to} className="dashboard-bar">
          <Flex align="center" gap={8}>
            <Typography.Text ellipsis style={{ width: 130, flex: 'none' }}>
              {bar.label}
            </Typography.Text>
            <div style={{ flex: 1, background: '#f5f5f5', borderRadius: 4, height: 18 }}>
              <div
                style={{
                  width: `${Math.max(2, (bar.value / max) * 100)}%`,
                  height: '100%',
                  borderRadius: 4,
                  background: bar.color ?? '#1677ff',
                }}
              />
            </div>
            <Typography.Text style={{ width: 110, flex: 'none', textAlign: 'right' }}>{bar.display}</Typography.Text>
          </Flex>
        </Link>
      ))}
    </Flex>
  );
}

export interface MonthBar {
  key: string;
  label: string;
  primary: number;
  secondary: number;
  primaryDisplay: string;
  secondaryDisplay: string;
  to: string;
}

/** Sales (blue) and margin (green) per month as paired columns in an SVG; each month links to its orders. */
export function MonthColumns({ months, primaryName, secondaryName }: { months: MonthBar[]; primaryName: string; secondaryName: string }) {
  const max = Math.max(0, ...months.map((month) => Math.max(month.primary, month.secondary)));
  if (!months.length || max <= 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="No sales booked in the last 12 months." />;
  const width = 640;
  const height = 200;
  const slot = width / months.length;
  const barWidth = Math.max(4, slot * 0.32);
  const scale = (value: number) => (Math.max(0, value) / max) * (height - 24);
  return (
    <div>
      <svg viewBox={`0 0 ${width} ${height + 20}`} width="100%" role="group" aria-label={`${primaryName} and ${secondaryName} by month`}>
        {months.map((month, index) => {
          const x = index * slot + slot / 2;
          const primary = scale(month.primary);
          const secondary = scale(month.secondary);
          return (
            <Tooltip key={month.key} title={`${month.label}: ${primaryName} ${month.primaryDisplay}, ${secondaryName} ${month.secondaryDisplay}`}>
              <Link to={month.to} aria-label={`${month.label}: ${primaryName} ${month.primaryDisplay}`}>
                <rect x={x - barWidth - 1} y={height - primary} width={barWidth} height={primary} fill="#1677ff" rx={2} />
                <rect x={x + 1} y={height - secondary} width={barWidth} height={secondary} fill="#52c41a" rx={2} />
                <rect x={index * slot} y={0} width={slot} height={height} fill="transparent" />
                <text x={x} y={height + 14} textAnchor="middle" fontSize={11} fill="#595959">
                  {month.label}
                </text>
              </Link>
            </Tooltip>
          );
        })}
      </svg>
      <Flex gap={16} justify="center">
        <Typography.Text>
          <span style={{ display: 'inline-block', width: 10, height: 10, background: '#1677ff', marginRight: 6 }} />
          {primaryName}
        </Typography.Text>
        <Typography.Text>
          <span style={{ display: 'inline-block', width: 10, height: 10, background: '#52c41a', marginRight: 6 }} />
          {secondaryName}
        </Typography.Text>
      </Flex>
    </div>
  );
}
