import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { isClientNavigation, navigate } from '../router';

export interface LinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  to: string;
  replace?: boolean;
}

/** An <a> that navigates inside the app (History API) on a plain click. */
export function Link({ to, replace, onClick, ...rest }: LinkProps) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (isClientNavigation(event, to, rest.target, window.location.origin)) {
      event.preventDefault();
      navigate(to, { replace });
    }
  };
  return <a href={to} onClick={handle} {...rest} />;
}
