/** TLS port of every Diffgram pod (unprivileged, so no capability or sysctl is needed). */
export const DIFFGRAM_TLS_PORT = 8443;

/**
 * nginx.conf of the frontend, replacing the image's (which listens on port 80 as root). It serves
 * the same static app over TLS on 8443 as the unprivileged nginx user, with every writable path in
 * /tmp (an emptyDir), no server version, and a health endpoint for the probes.
 */
export const FRONTEND_NGINX_CONF = `worker_processes 2;
pid /tmp/nginx.pid;
error_log /dev/stderr warn;

events {
    worker_connections 1024;
}

http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log /dev/stdout;
    server_tokens off;
    client_body_temp_path /tmp/client_temp;
    proxy_temp_path /tmp/proxy_temp;
    fastcgi_temp_path /tmp/fastcgi_temp;
    uwsgi_temp_path /tmp/uwsgi_temp;
    scgi_temp_path /tmp/scgi_temp;

    server {
        listen ${DIFFGRAM_TLS_PORT} ssl;
        ssl_certificate /etc/enclave/tls/tls.crt;
        ssl_certificate_key /etc/enclave/tls/tls.key;
        ssl_protocols TLSv1.2 TLSv1.3;
        root /usr/share/nginx/html;

        location = /healthz {
            access_log off;
            default_type text/plain;
            return 200 "ok";
        }

        location / {
            try_files $uri /index.html;
        }
    }
}
`;
