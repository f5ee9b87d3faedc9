/** Sign-in and sign-out with the organisation's identity provider, and who is signed in. */
package nl.ketenbus.web.signin;
