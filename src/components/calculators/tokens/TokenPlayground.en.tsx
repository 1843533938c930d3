import { TokenPlayground, type TokenPlaygroundProps } from './TokenPlaygroundIsland';
import { en } from './strings/en';

/** The English island entry: only this language's strings are bundled. */
export default function TokenPlaygroundEn(props: Omit<TokenPlaygroundProps, 't' | 'lang'>) {
  return <TokenPlayground {...props} lang={'en'} t={en} />;
}
