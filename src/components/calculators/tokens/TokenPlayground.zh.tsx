import { TokenPlayground, type TokenPlaygroundProps } from './TokenPlaygroundIsland';
import { zh } from './strings/zh';

/** The Chinese island entry: only this language's strings are bundled. */
export default function TokenPlaygroundZh(props: Omit<TokenPlaygroundProps, 't' | 'lang'>) {
  return <TokenPlayground {...props} lang={'zh-CN'} t={zh} />;
}
