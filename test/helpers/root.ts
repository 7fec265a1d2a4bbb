/** This project's root (the talk's repository), for the tests. */
export { root } from '../../scripts/root'
