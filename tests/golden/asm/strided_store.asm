mark_composites:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 65                          jb short 0x000000000000013B
      d6:  48 83 fe 04                    cmp rsi,4
      da:  7e 55                          jle short 0x0000000000000131
      dc:  49 3b 67 20                    cmp rsp,[r15+0x20]
      e0:  72 59                          jb short 0x000000000000013B
      e2:  b8 02 00 00 00                 mov eax,2
      e7:  66 0f 1f 84 00 00 00 00 00     nop [rax+rax]
      f0:  48 89 c1                       mov rcx,rax
      f3:  48 0f af c8                    imul rcx,rax
      f7:  70 4f                          jo short 0x0000000000000148
      f9:  48 39 f1                       cmp rcx,rsi
      fc:  7d 15                          jge short 0x0000000000000113
      fe:  66 90                          xchg ax,ax
     100:  c6 04 0f 01                    mov byte ptr [rdi+rcx],1
     104:  48 89 f2                       mov rdx,rsi
     107:  48 29 ca                       sub rdx,rcx
     10a:  48 8d 0c 01                    lea rcx,[rcx+rax]
     10e:  48 39 c2                       cmp rdx,rax
     111:  77 ed                          ja short 0x0000000000000100
     113:  48 83 c0 01                    add rax,1
     117:  70 2f                          jo short 0x0000000000000148
     119:  48 89 c1                       mov rcx,rax
     11c:  48 0f af c8                    imul rcx,rax
     120:  70 26                          jo short 0x0000000000000148
     122:  48 39 f1                       cmp rcx,rsi
     125:  7c c9                          jl short 0x00000000000000F0
     127:  b8 00 00 00 00                 mov eax,0
     12c:  49 83 c6 01                    add r14,1
     130:  c3                             ret
     131:  b8 00 00 00 00                 mov eax,0
     136:  49 83 c6 01                    add r14,1
     13a:  c3                             ret
     13b:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     143:  e9 2b ff ff ff                 jmp 0x0000000000000073
     148:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     150:  e9 1e ff ff ff                 jmp 0x0000000000000073

